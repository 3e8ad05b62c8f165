/**
 * A department name as a document writes it → the unit's department of that name. Documents use the
 * short names (青发部) or the full ones (青年发展部), sometimes with the committee in front (团市委宣传部):
 * both forms of each standing department are one group here. Pure.
 */

const GROUPS: string[][] = [
  ['办公室', '办公厅', '机关办公室'],
  ['组织部', '基层组织建设部'],
  ['宣传部', '宣传文化部', '宣传思想文化部'],
  ['统战部', '统一战线工作部'],
  ['学少部', '学校少年部', '学校和少年部', '学校部和少年部'],
  ['青发部', '青年发展部'],
  ['社会联络部', '社联部'],
  ['志联部', '志愿者工作部', '青年志愿者工作部', '志愿服务部'],
  ['权益部', '维护青少年权益部', '青少年权益部', '权益工作部'],
];

/** 团市委宣传部, 共青团南昌市委 宣传部 → 宣传部: what is left after the committee's name. */
function bare(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/^(?:共青团)?(?:[\p{Script=Han}]{1,12}?(?:团委|委员会|市委|省委|县委|区委))?/u, '')
    .replace(/^团(?:中央|省委|市委|县委|区委)/, '');
}

function groupOf(name: string): string[] | undefined {
  return GROUPS.find((g) => g.includes(name));
}

/** The unit's department a written name refers to, or undefined when the unit has none by that name. */
export function matchDepartment<D extends { name: string }>(
  written: string,
  departments: D[],
): D | undefined {
  const exact = departments.find((d) => d.name === written);
  if (exact) return exact;
  const name = bare(written);
  if (!name) return undefined;
  const same = departments.find((d) => bare(d.name) === name);
  if (same) return same;
  const group = groupOf(name);
  if (!group) return undefined;
  return departments.find((d) => group.includes(bare(d.name)));
}
