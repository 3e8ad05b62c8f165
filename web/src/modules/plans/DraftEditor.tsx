import { useMemo, useState, type Key } from 'react';
import { Alert, App, Button, Card, Flex, Form, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { type PlanKind } from '../../../../common/contracts/plans';
import { createPlan, type DraftTask, type PlanDraft } from '../../../../common/contracts/plans-drafts';
import { call } from '../../api/client';
import { DraftSectionTable } from './DraftTaskTable';
import { PlanMetaFields } from './PlanDialog';

type Section = PlanDraft['sections'][number];
type Meta = {
  title: string;
  kind: PlanKind;
  year: number;
  docNumber?: string | null;
  issuer?: string | null;
  startDate?: string | null;
  endDate?: string | null;
};

const keyOf = (si: number, ti: number) => `${si}-${ti}`;
const label = (s: Section, t: DraftTask) =>
  `${s.number ? `${s.number}、` : ''}${/^\d+$/.test(t.number) ? `第${t.number}项` : t.number}`;

/** What must be fixed before saving: an untitled task, a milestone without a date. */
function blockers(sections: Section[]): { key: string; message: string }[] {
  return sections.flatMap((s, si) =>
    s.tasks.flatMap((t, ti) => {
      const out: { key: string; message: string }[] = [];
      if (!t.title.trim()) out.push({ key: keyOf(si, ti), message: `${label(s, t)}：请填写任务标题` });
      t.milestones.forEach((m) => {
        if (!m.dueDate) {
          out.push({
            key: keyOf(si, ti),
            message: `${label(s, t)}：推进节点「${m.title || '未命名'}」${m.problem ?? '缺少日期'}`,
          });
        }
      });
      return out;
    }),
  );
}

/**
 * The preview of a parsed plan: every field editable, lead and participants chosen from the unit's
 * departments (names it does not have are created on save, or mapped to one it has), dates with a
 * problem (6月31日) to be corrected; then one save.
 */
export function DraftEditor({ draft, onSaved }: { draft: PlanDraft; onSaved: (id: number) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Meta>();
  const [sections, setSections] = useState<Section[]>(draft.sections);
  const [expanded, setExpanded] = useState<Key[]>(() =>
    draft.sections.flatMap((s, si) =>
      s.tasks.flatMap((t, ti) => (t.milestones.some((m) => m.problem) ? [keyOf(si, ti)] : [])),
    ),
  );
  const known = useMemo(() => new Set(draft.departments.map((d) => d.name)), [draft.departments]);
  const used = useMemo(
    () => [...new Set(sections.flatMap((s) => s.tasks.flatMap((t) => [t.lead ?? '', ...t.participants])))],
    [sections],
  );
  const newNames = used.filter((n) => n && !known.has(n));
  const options = [
    ...draft.departments.map((d) => ({ value: d.name, label: d.name })),
    ...newNames.map((n) => ({ value: n, label: `${n}（新建）` })),
  ];

  const setTask = (si: number, ti: number, patch: Partial<DraftTask>) =>
    setSections((all) =>
      all.map((s, i) =>
        i !== si ? s : { ...s, tasks: s.tasks.map((t, j) => (j === ti ? { ...t, ...patch } : t)) },
      ),
    );
  const rename = (from: string, to: string) =>
    setSections((all) =>
      all.map((s) => ({
        ...s,
        tasks: s.tasks.map((t) => {
          const lead = t.lead === from ? to : t.lead;
          const participants = [...new Set(t.participants.map((p) => (p === from ? to : p)))].filter(
            (p) => p !== lead,
          );
          return { ...t, lead, participants };
        }),
      })),
    );

  const save = useMutation({
    mutationFn: async () => {
      const meta = await form.validateFields();
      return call(createPlan, {
        body: {
          ...meta,
          docNumber: meta.docNumber || null,
          issuer: meta.issuer || null,
          startDate: meta.startDate ?? null,
          endDate: meta.endDate ?? null,
          unitId: draft.unit.id,
          source: draft.source,
          sourceFileId: draft.sourceFile?.id ?? null,
          preamble: draft.preamble,
          closing: draft.closing,
          sections: sections.map((s) => ({
            number: s.number,
            title: s.title,
            intro: s.intro,
            tasks: s.tasks.map((t) => ({
              ...t,
              milestones: t.milestones.map((m) => ({
                title: m.title,
                dueDate: m.dueDate,
                dueText: m.dueText,
              })),
            })),
          })),
        },
      });
    },
    onSuccess: (r) => {
      message.success('已保存为工作方案');
      onSaved(r.id);
    },
  });
  const submit = () => {
    const problems = blockers(sections);
    if (problems.length) {
      setExpanded((keys) => [...new Set([...keys, ...problems.map((p) => p.key)])]);
      message.error(problems[0].message);
      return;
    }
    save.mutate();
  };

  const total = sections.reduce((n, s) => n + s.tasks.length, 0);
  const open = blockers(sections);
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={`核对方案信息（${draft.unit.name}）`}>
        <Form<Meta>
          form={form}
          name="plan-draft"
          layout="vertical"
          initialValues={{
            title: draft.title,
            kind: draft.kind,
            year: draft.year,
            docNumber: draft.docNumber,
            issuer: draft.issuer,
            startDate: draft.startDate,
            endDate: draft.endDate,
          }}
        >
          <PlanMetaFields />
        </Form>
        {draft.problems.length > 0 && (
          <Alert
            type={open.length ? 'warning' : 'info'}
            showIcon
            title={`解析时发现 ${draft.problems.length} 处需要核对${open.length ? '' : '（已处理）'}`}
            description={draft.problems.map((p) => `${p.where}：${p.message}`).join('；')}
          />
        )}
        {newNames.length > 0 && (
          <Alert
            style={{ marginTop: 8 }}
            type="info"
            showIcon
            title="以下部门不在本单位的部门中，保存时将新建；如是已有部门的别称，请选择对应部门"
            description={
              <Space wrap size={16}>
                {newNames.map((n) => (
                  <Space key={n} size={6}>
                    <Tag color="gold">{n}</Tag>
                    <Select
                      size="small"
                      style={{ width: 160 }}
                      value={n}
                      aria-label={`${n}对应的部门`}
                      onChange={(to) => rename(n, to)}
                      options={[
                        { value: n, label: `新建「${n}」` },
                        ...draft.departments.map((d) => ({ value: d.name, label: d.name })),
                      ]}
                    />
                  </Space>
                ))}
              </Space>
            }
          />
        )}
      </Card>
      {sections.map((s, si) => (
        <Card
          key={si}
          size="small"
          title={
            <Typography.Text
              editable={{
                onChange: (title) =>
                  setSections((all) => all.map((x, i) => (i === si ? { ...x, title } : x))),
              }}
            >
              {[s.number && `${s.number}、`, s.title || '（无章节标题）'].filter(Boolean).join('')}
            </Typography.Text>
          }
          extra={
            <Button
              size="small"
              type="link"
              danger
              icon={<DeleteOutlined />}
              onClick={() => setSections((all) => all.filter((_, i) => i !== si))}
            >
              不导入本章（{s.tasks.length} 项）
            </Button>
          }
        >
          {s.intro && <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>}
          {s.tasks.length > 0 && (
            <DraftSectionTable
              tasks={s.tasks}
              rowKeyOf={(ti) => keyOf(si, ti)}
              options={options}
              expanded={expanded}
              onExpanded={setExpanded}
              onTask={(ti, patch) => setTask(si, ti, patch)}
              onRemove={(ti) =>
                setSections((all) =>
                  all.map((x, i) => (i === si ? { ...x, tasks: x.tasks.filter((_, j) => j !== ti) } : x)),
                )
              }
            />
          )}
        </Card>
      ))}
      <Card size="small">
        <Flex justify="space-between" align="center">
          <Typography.Text>
            共 {sections.length} 章、{total} 项任务
            {newNames.length > 0 && `，将新建部门：${newNames.join('、')}`}
            {open.length > 0 && (
              <Typography.Text type="danger">；还有 {open.length} 处待更正</Typography.Text>
            )}
          </Typography.Text>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={save.isPending}
            onClick={submit}
            disabled={total === 0}
          >
            保存为工作方案
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}
