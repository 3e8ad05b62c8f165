import { mentorPairings, mentors, youth } from '../server/db/schema';
import type { Db } from '../server/db/client';
import { todayInChina } from '../common/validators';
import { minimumEndDate } from '../common/contracts/mentors-pairings';

/** Key targets of 南昌市 for e2e/mentors.spec.ts, and another mentor's pairing the mentor must never see. */
export const MENTOR_FIXTURES = {
  mentee: '林梦溪',
  contact: '赵联系',
  otherMentor: '周远山',
  otherMentee: '吴别人',
} as const;

export async function seedMentorFixtures(db: Db, unitId: number) {
  const person = async (name: string, pinyin: string, initials: string, stage: 'contact' | 'key') => {
    const [row] = await db
      .insert(youth)
      .values({ unitId, name, namePinyin: pinyin, nameInitials: initials, stage, occupation: '网络文学' })
      .returning({ id: youth.id });
    return row.id;
  };
  await person(MENTOR_FIXTURES.mentee, 'linmengxi', 'lmx', 'key');
  await person(MENTOR_FIXTURES.contact, 'zhaolianxi', 'zlx', 'contact');
  const otherMentee = await person(MENTOR_FIXTURES.otherMentee, 'wubieren', 'wbr', 'key');
  const [other] = await db
    .insert(mentors)
    .values({
      unitId,
      name: MENTOR_FIXTURES.otherMentor,
      namePinyin: 'zhouyuanshan',
      nameInitials: 'zys',
      source: '美协会员',
      specialty: '油画',
      maxMentees: 2,
    })
    .returning({ id: mentors.id });
  // Signed 45 days ago and never logged: it is on the attention list.
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 45);
  const signed = d.toISOString().slice(0, 10);
  await db.insert(mentorPairings).values({
    unitId,
    mentorId: other.id,
    youthId: otherMentee,
    status: 'active',
    startDate: signed,
    endDate: minimumEndDate(signed),
    signedOn: signed,
  });
}
