import { Checkbox } from 'antd';
import {
  AGE_BANDS,
  SIGNUP_STATUSES,
  type SignupStatus,
  type signupFilter,
} from '../../../../common/contracts/signup';
import type { z } from 'zod';
import { boolFilter, textFilter, type Filters, type QueryField } from '../../components/ListPage';

type CheckProps = { id?: string; value?: boolean | string; onChange?: (v: boolean | undefined) => void };

/** 仅看重复: a checkbox whose value sits in the form as true or nothing. */
function DuplicatesOnly({ id, value, onChange }: CheckProps) {
  return (
    <Checkbox
      id={id}
      checked={value === true || value === 'true'}
      onChange={(e) => onChange?.(e.target.checked || undefined)}
    >
      身份证号或手机号已在青年库中
    </Checkbox>
  );
}

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export function signupFields(pages: { id: number; title: string }[] | null): QueryField[] {
  return [
    { type: 'input', name: 'keyword', label: '关键字', placeholder: '姓名、手机号或身份证号', private: true },
    { type: 'select', name: 'status', label: '状态', options: options(SIGNUP_STATUSES) },
    ...(pages
      ? [
          {
            type: 'select' as const,
            name: 'pageId',
            label: '招募页面',
            showSearch: true,
            options: pages.map((p) => ({ value: p.id, label: p.title })),
          },
        ]
      : []),
    { type: 'input', name: 'channel', label: '渠道', placeholder: '如 海报、微信群' },
    { type: 'select', name: 'ageBand', label: '年龄段', options: options(AGE_BANDS) },
    { type: 'custom', name: 'duplicatesOnly', label: '仅看重复', render: () => <DuplicatesOnly /> },
  ];
}

export function toSignupFilter(filters: Filters): z.input<typeof signupFilter> {
  const pageId = Number(filters.pageId);
  return {
    keyword: textFilter(filters, 'keyword'),
    status: textFilter(filters, 'status') as SignupStatus | undefined,
    pageId: Number.isInteger(pageId) && pageId > 0 ? pageId : undefined,
    channel: textFilter(filters, 'channel'),
    ageBand: textFilter(filters, 'ageBand') as keyof typeof AGE_BANDS | undefined,
    duplicatesOnly: boolFilter(filters, 'duplicatesOnly') || filters.duplicatesOnly === 'true' || undefined,
  };
}
