import ExcelJS from 'exceljs';
import type { DictionaryType } from '../../../common/contracts/dictionaries';
import type { ImportScope } from '../../platform/import/jobs/types';
import { listVisibleItems } from '../dictionaries/dictionaries.repo';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';
import { YOUTH_COLUMNS } from './youth-import.columns';
import { unitsUnder } from './youth-import.repo';

/** Rows the dropdowns cover; rows below still import, they just lack the dropdowns. */
const PREPARED_ROWS = 5000;
const OPTIONS_SHEET = '选项';

/** ExcelJS supports range validations but its typings only know the per-cell form. */
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

async function optionLists(scope: Omit<ImportScope, 'jobId'>) {
  const unitIds = unitIdsOnPath(scope.unit.path);
  const labels = async (type: DictionaryType) => {
    const items = await listVisibleItems(scope.db, type, unitIds, false);
    // Two-level dictionaries: the leaves are what a person is filed under.
    const parents = new Set(items.map((i) => i.parentId).filter((id) => id !== null));
    return items.filter((i) => !parents.has(i.id)).map((i) => i.label);
  };
  const units = await unitsUnder(scope.db, scope.unit.path);
  return {
    category: await labels('category'),
    source: await labels('source'),
    need: await labels('need'),
    ethnicity: await labels('ethnicity'),
    political_status: await labels('political_status'),
    education: await labels('education'),
    gender: ['男', '女'],
    yesNo: ['是', '否'],
    // A province has ~100 units below it and the centre 3,000: beyond a few hundred a dropdown helps nobody.
    unit: units.length <= 300 ? units.map((u) => u.name) : [],
  };
}

/**
 * The import template: the registry's columns (required ones marked), ID number and phone formatted
 * as text so Excel keeps their digits, dropdowns from the unit's dictionaries, and a sheet of
 * instructions. The data sheet comes first, so the template itself imports as it is.
 */
export async function buildYouthTemplate(scope: Omit<ImportScope, 'jobId'>): Promise<Buffer> {
  const lists = await optionLists(scope);
  const wb = new ExcelJS.Workbook();
  wb.creator = '筑梦';
  const data = wb.addWorksheet('青年信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = wb.addWorksheet('填写说明');
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'veryHidden' });

  const ranges = new Map<string, string>();
  Object.entries(lists).forEach(([name, values], i) => {
    if (values.length === 0) return;
    const col = columnLetter(i + 1);
    options.getCell(`${col}1`).value = name;
    values.forEach((v, r) => {
      options.getCell(`${col}${r + 2}`).value = v;
    });
    ranges.set(name, `${OPTIONS_SHEET}!$${col}$2:$${col}$${values.length + 1}`);
  });

  data.columns = YOUTH_COLUMNS.map((c) => ({
    header: c.required ? `${c.label}*` : c.label,
    key: c.key,
    width: c.width,
    style: c.text ? { numFmt: '@' } : undefined,
  }));
  const header = data.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 30;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { bottom: { style: 'thin' } };
    const hint = YOUTH_COLUMNS[Number(cell.col) - 1].hint;
    if (hint) cell.note = hint;
  });

  YOUTH_COLUMNS.forEach((c, i) => {
    const list =
      c.dictionary ??
      (c.key === 'gender'
        ? 'gender'
        : c.key === 'guardianConsent'
          ? 'yesNo'
          : c.key === 'unit'
            ? 'unit'
            : undefined);
    const range = list && ranges.get(list);
    if (!range) return;
    const col = columnLetter(i + 1);
    // Needs are a multi-select written as “a、b”: the list helps, but other text must stay allowed.
    const strict = c.key !== 'needs';
    validations(data).add(`${col}2:${col}${PREPARED_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: strict,
      errorStyle: 'warning',
      errorTitle: '不在选项中',
      error: `请从下拉选项中选择${c.label}`,
    });
  });

  help.columns = [
    { header: '列名', key: 'label', width: 20 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'hint', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of YOUTH_COLUMNS)
    help.addRow({ label: c.label, required: c.required ? '必填' : '', hint: c.hint });
  help.addRow({});
  const notes = [
    '1. 请在“青年信息”工作表中从第 2 行起每行填写一人，不要修改第 1 行的列名；列的顺序可以调整，不需要的列可以删除。',
    '2. 身份证号、手机号两列已设为文本格式。从其他表格粘贴时请“选择性粘贴—数值”，否则 Excel 可能把身份证号变成科学计数法而丢失后几位，这样的行无法导入。',
    '3. 同一身份证号在全国只能登记一次。已由其他单位登记的青年不会重复导入，可在青年库中申请转入。',
    '4. 导入前系统会逐行检查并给出预览（新增、更新、重复、错误），确认后才写入；有错误的行可下载错误报告，修改后重新上传。',
    '5. 未满 14 周岁的青年，须取得监护人同意并在“已取得监护人同意”列填“是”；联系对象的年龄范围一般为 16–35 周岁。',
    '6. 也可以直接上传本单位原有的花名册（.xlsx 或 .csv），表头在标题行下方、列名为“身份证号码”“联系电话”等常见写法均可识别。',
  ];
  for (const n of notes) {
    const row = help.addRow({ label: n });
    help.mergeCells(row.number, 1, row.number, 3);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 32;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
