import { App, Button, Card, Flex, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { submitSubmission, type SubmissionDetail } from '../../../../common/contracts/reports-submissions';
import { call, isVersionConflict } from '../../api/client';
import { errorText } from './reportsUi';
import { submissionKey, type SubmissionDraft } from './useSubmissionDraft';

/** 保存 and 报送, kept in view at the bottom of a long report. */
export function SubmitBar({ d, draft }: { d: SubmissionDetail; draft: SubmissionDraft }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();

  const failed = (e: unknown, fallback: string) => {
    if (!isVersionConflict(e)) return void message.error(errorText(e, fallback));
    modal.warning({
      title: '报告已被他人修改',
      content: '其他人已保存或报送了这份报告，您这次的修改没有保存。请先复制您填写的内容，再重新加载后修改。',
      okText: '重新加载',
      onOk: () => queryClient.invalidateQueries({ queryKey: submissionKey(d.id) }),
    });
  };

  const save = useMutation({
    mutationFn: draft.save,
    meta: { silent: true },
    onSuccess: () => void message.success('已保存'),
    onError: (e) => failed(e, '保存失败'),
  });
  const submit = useMutation({
    mutationFn: async () => {
      const saved = await draft.persist();
      return call(submitSubmission, { params: { id: d.id }, body: { version: saved.version } });
    },
    meta: { silent: true },
    onSuccess: (next) => {
      draft.apply(next);
      message.success(`已报送${next.reviewerUnit.name}，等待审核`);
    },
    onError: (e) => failed(e, '报送失败'),
  });

  const confirm = async () => {
    try {
      await draft.form.validateFields();
    } catch {
      message.error('还有必填内容未填写或差异未说明，请检查标红的项目');
      return;
    }
    if (d.collection.form === 'roster' && !d.rosterAt) {
      message.error('请先生成报送花名册');
      return;
    }
    modal.confirm({
      title: d.status === 'returned' ? '确定修改后重新报送吗？' : '确定报送吗？',
      content: `报送后由${d.reviewerUnit.name}审核，审核结果出来前不能再修改。`,
      okText: '报送',
      onOk: () => submit.mutateAsync().catch(() => undefined),
    });
  };

  const busy = save.isPending || submit.isPending;
  return (
    <Card
      size="small"
      style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}
    >
      <Flex justify="space-between" align="center" gap={12}>
        <Typography.Text type={draft.dirty ? 'warning' : 'secondary'}>
          {draft.dirty ? '有未保存的修改' : '内容已保存'}
          {d.status === 'returned' && '。请按退回意见修改后重新报送'}
        </Typography.Text>
        <Flex gap={8}>
          <Button
            icon={<SaveOutlined />}
            loading={save.isPending}
            disabled={busy}
            onClick={() => save.mutate()}
          >
            保存
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={submit.isPending}
            disabled={busy}
            onClick={() => void confirm()}
          >
            {d.status === 'returned' ? '重新报送' : '报送'}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
