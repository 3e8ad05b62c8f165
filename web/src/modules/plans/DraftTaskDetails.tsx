import { Button, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { COMPARATORS } from '../../../../common/contracts/plans';
import { type DraftTask } from '../../../../common/contracts/plans-drafts';
import { DateText } from '../federation/federationUi';

type Props = { task: DraftTask; onChange: (patch: Partial<DraftTask>) => void };

const LABEL = { width: 72, flex: 'none', color: 'rgba(0,0,0,0.55)' } as const;

/** The latest milestone date: a task written only with dated steps is due at its last step. */
export function latestDue(milestones: DraftTask['milestones']): string | null {
  return milestones.reduce<string | null>(
    (a, m) => (m.dueDate && (!a || m.dueDate > a) ? m.dueDate : a),
    null,
  );
}

function Milestones({ task, onChange }: Props) {
  const set = (i: number, patch: Partial<DraftTask['milestones'][number]>) => {
    const milestones = task.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m));
    // The deadline follows the steps while it was theirs (or unset).
    const follows = !task.deadline || task.deadline === latestDue(task.milestones);
    onChange({ milestones, ...(follows ? { deadline: latestDue(milestones) } : {}) });
  };
  return (
    <Flex vertical gap={6}>
      {task.milestones.map((m, i) => (
        <Flex key={i} gap={8} align="center" wrap>
          <Input
            value={m.title}
            onChange={(e) => set(i, { title: e.target.value })}
            placeholder="推进节点"
            style={{ width: 360 }}
            maxLength={200}
          />
          <div style={{ width: 150 }}>
            <DateText
              value={m.dueDate ?? undefined}
              onChange={(v) => set(i, { dueDate: v ?? null, problem: v ? null : m.problem })}
              placeholder="请选择日期"
            />
          </div>
          {m.dueText && <Typography.Text type="secondary">原文：{m.dueText}</Typography.Text>}
          {m.problem && !m.dueDate && <Typography.Text type="danger">{m.problem}</Typography.Text>}
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            aria-label="删除该节点"
            onClick={() => onChange({ milestones: task.milestones.filter((_, j) => j !== i) })}
          />
        </Flex>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ width: 140 }}
        onClick={() =>
          onChange({
            milestones: [...task.milestones, { title: '', dueDate: null, dueText: null, problem: null }],
          })
        }
      >
        添加推进节点
      </Button>
    </Flex>
  );
}

function Indicators({ task, onChange }: Props) {
  const set = (i: number, patch: Partial<DraftTask['indicators'][number]>) =>
    onChange({ indicators: task.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  return (
    <Flex vertical gap={6}>
      {task.indicators.map((x, i) => (
        <Flex key={i} gap={8} align="center" wrap>
          <Input
            value={x.name}
            onChange={(e) => set(i, { name: e.target.value })}
            placeholder="指标名称"
            style={{ width: 280 }}
            maxLength={100}
          />
          <Select
            value={x.comparator}
            onChange={(comparator) => set(i, { comparator })}
            options={COMPARATORS.map((c) => ({ value: c, label: c }))}
            style={{ width: 64 }}
            aria-label="比较方式"
          />
          <InputNumber
            value={x.target}
            onChange={(v) => set(i, { target: v })}
            min={0}
            placeholder="目标值"
            style={{ width: 110 }}
          />
          <Input
            value={x.measure ?? ''}
            onChange={(e) => set(i, { measure: e.target.value || null })}
            placeholder="单位"
            style={{ width: 72 }}
            maxLength={20}
          />
          <Input
            value={x.period ?? ''}
            onChange={(e) => set(i, { period: e.target.value || null })}
            placeholder="周期，如：每年"
            style={{ width: 120 }}
            maxLength={30}
          />
          {x.phrase && <Typography.Text type="secondary">原文：{x.phrase}</Typography.Text>}
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            aria-label="删除该指标"
            onClick={() => onChange({ indicators: task.indicators.filter((_, j) => j !== i) })}
          />
        </Flex>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ width: 140 }}
        onClick={() =>
          onChange({
            indicators: [
              ...task.indicators,
              { name: '', phrase: null, comparator: '≥', target: null, measure: null, period: null },
            ],
          })
        }
      >
        添加量化指标
      </Button>
    </Flex>
  );
}

/** A task's expanded row in the preview: content, the note as written, milestones and indicators. */
export function DraftTaskDetails({ task, onChange }: Props) {
  return (
    <Flex vertical gap={10} style={{ padding: '4px 8px' }}>
      <Flex gap={8}>
        <span style={LABEL}>任务内容</span>
        <Input.TextArea
          value={task.content}
          onChange={(e) => onChange({ content: e.target.value })}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={20000}
        />
      </Flex>
      {task.departmentsNote && (
        <Flex gap={8}>
          <span style={LABEL}>责任部门</span>
          <Typography.Text type="secondary">
            原文：{task.departmentsNote.replace(/\*\*/g, '')}
          </Typography.Text>
        </Flex>
      )}
      <Flex gap={8}>
        <span style={LABEL}>推进节点</span>
        <Milestones task={task} onChange={onChange} />
      </Flex>
      <Flex gap={8}>
        <span style={LABEL}>量化指标</span>
        <Indicators task={task} onChange={onChange} />
      </Flex>
    </Flex>
  );
}
