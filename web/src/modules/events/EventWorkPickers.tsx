import { useEffect, useState } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import {
  listEventCallOptions,
  listEventCallWorks,
  type EventWork,
} from '../../../../common/contracts/events';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';

const CALL_STATUS = { draft: '未发布', published: '征集中', finished: '已结束' } as const;

/** 获奖等级 or nothing; a work without the entrants' publicity consent says so. */
export function WorkTags({ work }: { work: Pick<EventWork, 'awardLevel' | 'publicityConsent'> }) {
  return (
    <>
      {work.awardLevel && <Tag color="gold">{work.awardLevel}</Tag>}
      {!work.publicityConsent && <Tag color="orange">未同意公开展示</Tag>}
    </>
  );
}

/** A call of the viewer's scope, found by title; `known` names the current one before the search answers. */
export function CallSelect({
  id,
  value,
  onChange,
  known,
  disabled,
}: {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
  known?: { id: number; title: string } | null;
  disabled?: boolean;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['events', 'call-options', q],
    queryFn: () => call(listEventCallOptions, { query: { q: q || undefined } }),
    enabled: !disabled,
  });
  const options = (found.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.title}（${c.unitName}，${CALL_STATUS[c.status]}）`,
  }));
  if (known && !options.some((o) => o.value === known.id))
    options.unshift({ value: known.id, label: known.title });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder="不关联（可输入征集标题查找）"
      options={options}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? '查找中…' : '本单位及下级没有匹配的作品征集'}
    />
  );
}

/** The call's works that passed the formal review, awarded ones first; those in `exclude` are left out. */
export function WorkSelect({
  id,
  callId,
  value,
  onChange,
  exclude,
}: {
  id?: string;
  callId: number;
  value?: number[];
  onChange?: (v: number[]) => void;
  exclude?: Set<number>;
}) {
  const works = useQuery({
    queryKey: ['events', 'call-works', callId],
    queryFn: () => call(listEventCallWorks, { params: { id: callId } }),
  });
  const items = (works.data?.items ?? []).filter((w) => !exclude?.has(w.entryId));
  // Works picked under another call are dropped once this call's list has come.
  useEffect(() => {
    if (!works.data || !value?.length) return;
    const kept = value.filter((v) => works.data.items.some((w) => w.entryId === v));
    if (kept.length !== value.length) onChange?.(kept);
  }, [works.data, value, onChange]);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={onChange}
      loading={works.isFetching}
      placeholder="选择要展演的作品（可输入编号或标题查找）"
      optionFilterProp="search"
      notFoundContent={works.isFetching ? '加载中…' : '该征集暂无形式审查合格的作品'}
      labelRender={({ value: v }) => {
        const w = items.find((x) => x.entryId === v);
        return w ? `${w.label} ${w.title}` : String(v);
      }}
      options={items.map((w) => ({
        value: w.entryId,
        search: `${w.label} ${w.title} ${w.awardLevel ?? ''}`,
        label: (
          <Space size={4}>
            <Typography.Text type="secondary">{w.label}</Typography.Text>
            <span>{w.title}</span>
            <Typography.Text type="secondary">· {w.categoryLabel}</Typography.Text>
            <WorkTags work={w} />
          </Space>
        ),
      }))}
    />
  );
}
