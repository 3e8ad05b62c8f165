import type { DictionaryType } from '../../../common/contracts/dictionaries';
import { NATIONAL_TERMS } from './dictionaries.terms';

/** Label → other ways rosters write it. Keys are labels of NATIONAL_TERMS (any level). */
export type AliasTable = Partial<Record<DictionaryType, Record<string, string[]>>>;

// Rosters write the short form (汉, 回); 蒙族 and 维族 are the common colloquial ones.
const ETHNICITY_EXTRA: Record<string, string[]> = { 蒙古族: ['蒙族'], 维吾尔族: ['维族'] };

function ethnicityAliases(): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const term of NATIONAL_TERMS.ethnicity) {
    const label = typeof term === 'string' ? term : term.label;
    table[label] = [label.replace(/族$/, ''), ...(ETHNICITY_EXTRA[label] ?? [])];
  }
  return table;
}

/**
 * Seeded once into the national items; from then on administrators own them. 研究生 with no degree
 * named is what registration forms mean by 硕士研究生.
 */
export const NATIONAL_ALIASES: AliasTable = {
  education: {
    博士研究生: ['博士', '博士研究生学历', '研究生（博士）'],
    硕士研究生: ['硕士', '研究生', '研究生（硕士）', '硕士研究生学历'],
    大学本科: ['本科', '大本', '本科学历', '大学本科学历'],
    大学专科: ['大专', '专科', '高职', '高职高专', '大专学历', '大学专科学历'],
    '中专（中职、技校）': ['中专', '中职', '技校', '职高', '职业高中', '中等专科', '中技', '技工学校'],
    高中: ['普高', '普通高中', '高中学历'],
    初中及以下: ['初中', '小学', '初中以下', '小学及以下'],
  },
  political_status: {
    中共党员: ['党员', '中国共产党党员', '正式党员'],
    中共预备党员: ['预备党员', '中国共产党预备党员'],
    共青团员: ['团员', '中国共产主义青年团团员'],
    民革党员: ['民革', '民革会员', '中国国民党革命委员会会员'],
    民盟盟员: ['民盟', '中国民主同盟盟员'],
    民建会员: ['民建', '中国民主建国会会员'],
    民进会员: ['民进', '中国民主促进会会员'],
    农工党党员: ['农工党', '中国农工民主党党员'],
    致公党党员: ['致公党', '中国致公党党员'],
    九三学社社员: ['九三学社'],
    台盟盟员: ['台盟', '台湾民主自治同盟盟员'],
    无党派人士: ['无党派', '无党派民主人士'],
    群众: ['普通群众'],
  },
  ethnicity: ethnicityAliases(),
  category: {
    网络主播: ['主播', '带货主播'],
    自媒体人: ['自媒体', '自媒体从业者', '博主'],
    电竞从业者: ['电竞选手', '电子竞技从业者'],
    自由撰稿人: ['撰稿人'],
    独立演员歌手: ['独立歌手', '独立演员', '独立音乐人'],
    快递小哥: ['快递员', '快递', '快递从业人员'],
    外卖骑手: ['外卖小哥', '外卖员', '外卖配送员', '骑手'],
    网约车司机: ['网约车', '网约车驾驶员'],
    货车司机: ['卡车司机', '货车驾驶员'],
    家政服务人员: ['家政', '家政服务员', '家政人员'],
  },
  source: {
    个人自荐: ['自荐'],
    组织推荐: ['推荐'],
    青情走访: ['走访'],
    调研座谈: ['座谈'],
  },
};
