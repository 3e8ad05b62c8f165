import { describe, expect, it } from 'vitest';
import { CALL_FILE_KIND_LABELS, callFileKind } from '../../../common/contracts/calls-public';
import { ENTRY_STATUSES } from '../../../common/contracts/calls';
import { MEDIA_FILES } from '../../../server/platform/files/file-types';
import { kindOf } from '../../../server/modules/works/work-upload.service';
import { acceptFor, formatMb, formatSize, kindByName, KIND_LABELS, ENTRY_STATUS_LABELS } from './labels';

// The public bundle keeps its own copies so that zod stays out of it; they must not drift.
describe('the call pages’ copies of the contracts’ words', () => {
  it('match the contracts', () => {
    expect(KIND_LABELS).toEqual(CALL_FILE_KIND_LABELS);
    expect(ENTRY_STATUS_LABELS).toEqual(ENTRY_STATUSES);
  });

  it('know every extension the server takes for a work, as the kind the server gives it', () => {
    const all = callFileKind.options;
    for (const type of MEDIA_FILES.types) {
      for (const ext of type.extensions) {
        const sameExt = MEDIA_FILES.types.filter((t) => t.extensions.includes(ext)).map(kindOf);
        expect(sameExt, `.${ext}`).toContain(kindByName(`作品.${ext.toUpperCase()}`, all));
      }
    }
  });

  it('offer only the chosen kinds in the picker, and refuse other names', () => {
    expect(acceptFor(['image', 'pdf'])).toBe('image/*,.jpg,.jpeg,.png,.gif,.webp,.pdf');
    expect(kindByName('说明.txt', ['image', 'pdf'])).toBeNull();
    expect(kindByName('无扩展名', ['image', 'pdf'])).toBeNull();
    expect(kindByName('手记.pdf', ['image', 'pdf'])).toBe('pdf');
  });

  it('say sizes as people read them', () => {
    expect(formatSize(512)).toBe('1 KB');
    expect(formatSize(3.25 * 1024 * 1024)).toBe('3.3 MB');
    expect(formatMb(20)).toBe('20 MB');
    expect(formatMb(2048)).toBe('2 GB');
  });
});
