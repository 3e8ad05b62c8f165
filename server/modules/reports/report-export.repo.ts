import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { escapeLike } from '../../platform/search/like';
import type { SubmissionStatus } from '../../../common/contracts/reports';
import { intArray, unitName } from './report-completeness.repo';
import type { StoredFigure } from './report-rules';

export type ReportedRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitOrgName: string;
  unitLevel: string;
  parentName: string | null;
  status: SubmissionStatus;
  content: Record<string, string>;
  figures: StoredFigure[];
  consolidatedIds: number[];
  firstSubmittedAt: Date | string | null;
  submittedAt: Date | string | null;
};

const COLUMNS = sql`s.id, s.unit_id as "unitId", ${unitName('u')} as "unitName", u.org_name as "unitOrgName",
  u.level as "unitLevel", ${unitName('pu')} as "parentName", s.status, s.content, s.figures,
  s.consolidated_ids as "consolidatedIds", s.first_submitted_at as "firstSubmittedAt", s.submitted_at as "submittedAt"`;

/**
 * The reports of a collection that were submitted (waiting for review or accepted) by units under
 * `path`, in the order of the unit tree (GB/T 2260 codes: a province before its cities).
 */
export async function reportedSubmissions(
  db: Db,
  collectionId: number,
  path: string,
): Promise<ReportedRow[]> {
  return queryRows<ReportedRow>(
    db,
    sql`select ${COLUMNS} from report_submissions s join units u on u.id = s.unit_id
          left join units pu on pu.id = u.parent_id
        where s.collection_id = ${collectionId} and s.status in ('submitted', 'accepted')
          and u.path like ${escapeLike(path) + '%'}
        order by u.code`,
  );
}

/** Given submissions by id (the accepted reports a report consolidates), in the order of the unit tree. */
export async function submissionsById(db: Db, ids: number[]): Promise<ReportedRow[]> {
  if (!ids.length) return [];
  return queryRows<ReportedRow>(
    db,
    sql`select ${COLUMNS} from report_submissions s join units u on u.id = s.unit_id
          left join units pu on pu.id = u.parent_id
        where s.id = any(${intArray(ids)}) order by u.code`,
  );
}

/** For each consolidated report of the collection, the unit whose report passed it up. */
export async function consolidatedInto(db: Db, collectionId: number): Promise<Map<number, string>> {
  const rows = await queryRows<{ id: number; into: string }>(
    db,
    sql`select x.id, ${unitName('u')} as into
        from report_submissions s join units u on u.id = s.unit_id
          cross join lateral unnest(s.consolidated_ids) as x(id)
        where s.collection_id = ${collectionId}`,
  );
  return new Map(rows.map((r) => [r.id, r.into]));
}
