import { publicApi, solvedChallenge, type SignupStatus } from '../api';
import { WithdrawConfirm } from '../ui/WithdrawConfirm';

type Props = { code: string; status: SignupStatus; onDone: (s: SignupStatus) => void; onCancel: () => void };

export function WithdrawConsent({ code, status, onDone, onCancel }: Props) {
  const pending = status.status === 'pending';

  const withdraw = async () => {
    await publicApi.withdraw({ receiptCode: code, ...(await solvedChallenge()) });
    // A withdrawn pending sign-up may be gone by now: say what is known rather than fail.
    const after = await publicApi.status(code).catch((): SignupStatus => ({
      ...status,
      status: pending ? 'withdrawn' : status.status,
      consentWithdrawn: true,
      editable: false,
    }));
    onDone(after);
  };

  return (
    <WithdrawConfirm
      heading="撤回同意后会怎样"
      sureLabel="我已了解上述后果，确认撤回同意"
      onConfirm={withdraw}
      onCancel={onCancel}
    >
      {pending ? (
        <ul>
          <li>您的报名将被撤回，{status.unitName}不会再审核。</li>
          <li>报名中填写的个人信息（姓名、手机号、身份证号等）将被删除，只保留您同意和撤回的时间记录。</li>
          <li>撤回后不能恢复。如果以后还想参加，需要重新报名。</li>
        </ul>
      ) : (
        <ul>
          <li>您的同意记录将标记为“已撤回”，{status.unitName}会收到通知。</li>
          <li>团组织将停止基于您的同意处理个人信息，并按个人信息处理规则删除或停止使用相关信息。</li>
          <li>撤回不影响撤回前已经进行的处理。撤回后不能恢复。</li>
        </ul>
      )}
    </WithdrawConfirm>
  );
}
