import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { escapeCellText, sendXlsx, writeXlsx, XLSX_MIME } from './xlsx-writer';

async function read(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe('writeXlsx', () => {
  const columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '备注', key: 'note', width: 30 },
    { header: '数量', key: 'n' },
  ];

  it('writes title, subtitles, a bold filled frozen header and the rows', async () => {
    const buffer = await writeXlsx({
      sheetName: '名单',
      title: '测试名单',
      subtitleRows: ['导出人：张三', '导出时间：2026-01-02 03:04:05'],
      columns,
      rows: [
        { name: '李四', note: '普通文本', n: 3 },
        { name: '王五', note: null, n: -2 },
      ],
    });
    const wb = await read(buffer);
    const ws = wb.getWorksheet('名单')!;
    expect(ws.getCell('A1').value).toBe('测试名单');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('导出人：张三');
    expect(ws.getCell('A3').value).toBe('导出时间：2026-01-02 03:04:05');
    const header = ws.getRow(4);
    expect([1, 2, 3].map((i) => header.getCell(i).value)).toEqual(['姓名', '备注', '数量']);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(header.getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.getColumn(1).width).toBe(12);
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getRow(5).getCell(1).value).toBe('李四');
    expect(ws.getRow(5).getCell(3).value).toBe(3);
    expect(ws.getRow(6).getCell(2).value).toBeNull();
    expect(ws.getRow(6).getCell(3).value).toBe(-2);
    expect(ws.rowCount).toBe(6);
  });

  it('escapes every text cell that would start a formula, and writes no formula', async () => {
    const dangerous = ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x")'];
    const buffer = await writeXlsx({
      sheetName: 'x',
      columns: [{ header: '=header', key: 'v' }],
      rows: dangerous.map((v) => ({ v })),
    });
    const ws = (await read(buffer)).worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe("'=header");
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    dangerous.forEach((v, i) => {
      const cell = ws.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML parsers normalise a carriage return to a line feed; the apostrophe is what matters.
      expect(cell.value).toBe(`'${v}`.replace('\r', '\n'));
    });
  });

  it('leaves harmless text alone and writes dates as Beijing wall-clock time', async () => {
    expect(escapeCellText('张三')).toBe('张三');
    expect(escapeCellText('a=b')).toBe('a=b');
    const buffer = await writeXlsx({
      sheetName: '时间',
      columns: [{ header: '时间', key: 'at' }],
      rows: [{ at: new Date('2026-03-01T16:30:00Z') }],
    });
    const ws = (await read(buffer)).worksheets[0];
    const value = ws.getRow(2).getCell(1).value as Date;
    expect(value.toISOString()).toBe('2026-03-02T00:30:00.000Z');
  });

  it('cleans sheet names Excel would refuse', async () => {
    const buffer = await writeXlsx({ sheetName: 'a/b:c*'.repeat(10), columns, rows: [] });
    const ws = (await read(buffer)).worksheets[0];
    expect(ws.name.length).toBeLessThanOrEqual(31);
    expect(ws.name).not.toMatch(/[:/*]/);
  });
});

describe('sendXlsx', () => {
  it('sets the type and an RFC 5987 file name', () => {
    const headers: Record<string, unknown> = {};
    let sent: unknown;
    const reply = {
      header(name: string, value: unknown) {
        headers[name] = value;
        return reply;
      },
      send(body: unknown) {
        sent = body;
        return reply;
      },
    };
    const buffer = Buffer.from('x');
    sendXlsx(reply as never, '审计日志 (1)', buffer);
    expect(headers['Content-Type']).toBe(XLSX_MIME);
    const disposition = String(headers['Content-Disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('审计日志')}%20%281%29.xlsx`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"/);
    expect(sent).toBe(buffer);
  });
});
