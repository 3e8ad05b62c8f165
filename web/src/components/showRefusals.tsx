import type { App } from 'antd';
import { Typography } from 'antd';

type Modal = ReturnType<typeof App.useApp>['modal'];
type Result = { done: number; refused: { id: number; name: string; reason: string }[] };

/** The rows a batch rule refused, each with its reason; the message says what was done. */
export function showRefusals(modal: Modal, label: string, r: Result): string {
  if (r.refused.length) {
    modal.warning({
      title: `${label}：已处理 ${r.done} 条，${r.refused.length} 条未处理`,
      width: 560,
      content: (
        <ul style={{ paddingInlineStart: 20, margin: '8px 0 0', maxHeight: 320, overflow: 'auto' }}>
          {r.refused.map((x) => (
            <li key={x.id}>
              <Typography.Text strong>{x.name}</Typography.Text>：{x.reason}
            </li>
          ))}
        </ul>
      ),
      okText: '知道了',
    });
  }
  return r.refused.length
    ? `${label}：已处理 ${r.done} 条，${r.refused.length} 条未处理`
    : `${label}：已处理 ${r.done} 条`;
}
