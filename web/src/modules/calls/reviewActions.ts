import { REVIEW_VERDICTS } from '../../../../common/contracts/calls';
import type { ReasonCopy } from '../../components/useReasonPrompt';

export type ReviewAction = {
  status: keyof typeof REVIEW_VERDICTS;
  label: string;
  /** Every verdict but 合格 asks for a reason the entrant reads with the receipt code. */
  reason: ReasonCopy | null;
};

const HINT = '作者凭回执码查询时可以看到这个原因，请写清楚需要怎么做。';

/** 形式审查's verdicts, in the order the buttons show them. */
export const REVIEW_ACTIONS: ReviewAction[] = [
  { status: 'eligible', label: REVIEW_VERDICTS.eligible, reason: null },
  {
    status: 'incomplete',
    label: REVIEW_VERDICTS.incomplete,
    reason: {
      label: '材料不全的原因',
      okText: '材料不全',
      hint: `${HINT}截止前作者可凭回执码补充。`,
      placeholder: '如：缺少作品创作说明，请在截止前补充上传',
    },
  },
  {
    status: 'ineligible',
    label: REVIEW_VERDICTS.ineligible,
    reason: {
      label: '不符合条件的原因',
      okText: '不符合条件',
      hint: HINT,
      placeholder: '如：作者年龄不在本次征集要求的范围内',
    },
  },
  {
    status: 'duplicate',
    label: REVIEW_VERDICTS.duplicate,
    reason: {
      label: '重复的说明',
      okText: '标记为重复',
      hint: HINT,
      placeholder: '如：与作品 0003 为同一作品，保留先提交的一件',
    },
  },
];
