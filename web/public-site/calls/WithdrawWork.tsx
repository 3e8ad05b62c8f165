import { publicApi, solvedChallenge, type WorkStatus } from '../api';
import { WithdrawConfirm } from '../ui/WithdrawConfirm';

type Props = { code: string; status: WorkStatus; onDone: (s: WorkStatus) => void; onCancel: () => void };

export function WithdrawWork({ code, status, onDone, onCancel }: Props) {
  const withdraw = async () => {
    await publicApi.withdrawWork({ receiptCode: code, ...(await solvedChallenge()) });
    const after = await publicApi
      .workStatus(code)
      .catch((): WorkStatus => ({ ...status, status: 'withdrawn', statusText: '已撤回', editable: false }));
    onDone(after);
  };

  return (
    <WithdrawConfirm
      heading="撤回作品后会怎样"
      sureLabel="我已了解上述后果，确认撤回作品"
      onConfirm={withdraw}
      onCancel={onCancel}
    >
      {status.reviewed ? (
        <ul>
          <li>作品退出「{status.callTitle}」，不再参加评审和评奖。</li>
          <li>
            您的同意记录将标记为“已撤回”。作品已经过形式审查，相关记录由{status.unitName}
            保留，并按个人信息处理规则处理。
          </li>
          <li>撤回不影响撤回前已经进行的处理。撤回后不能恢复。</li>
        </ul>
      ) : (
        <ul>
          <li>作品退出「{status.callTitle}」，不再参加审查和评审。</li>
          <li>作品文件和填写的个人信息（姓名、手机号、身份证号等）将被删除，只保留同意和撤回的时间记录。</li>
          <li>撤回后不能恢复。截止前如果还想参加，需要重新提交作品。</li>
        </ul>
      )}
    </WithdrawConfirm>
  );
}
