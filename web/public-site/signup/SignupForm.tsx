import { useMemo, useRef, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type SignupPageData, type SignupReceipt } from '../api';
import { RadioGroup, SelectField, TextField } from '../ui/fields';
import { FormSubmit, NoticeConsent } from '../ui/ConsentSubmit';
import { ErrorSummary, focusField } from '../ui/ErrorSummary';
import { AgeNote } from '../ui/AgeNote';
import { GuardianBlock } from '../ui/GuardianBlock';
import { PlacePicker } from '../ui/PlacePicker';
import { ageInfo, GENDERS, serverFieldErrors, type FieldErrors } from '../ui/person';
import { emptySignup, SIGNUP_FIELDS, signupFields, validateSignup, type SignupValues } from './form-model';
import { NeedsField } from './NeedsField';
import { WorksLinks } from './WorksLinks';

type Props = {
  page: SignupPageData;
  channel?: string;
  /** The page changed since it was opened (a new notice, closed): reads it again. */
  onConflict: () => Promise<SignupPageData | null>;
  onDone: (receipt: SignupReceipt) => void;
};

export function SignupForm({ page, channel, onConflict, onDone }: Props) {
  const [values, setValues] = useState<SignupValues>(emptySignup);
  // After a first attempt the page's own checks follow every change, so the list never goes stale;
  // the server's findings stay until their field is changed.
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const age = useMemo(() => ageInfo(values), [values]);
  const errors = useMemo(
    () => ({ ...(attempted ? validateSignup(values) : {}), ...serverErrors }),
    [attempted, values, serverErrors],
  );

  const set = <K extends keyof SignupValues>(key: K, value: SignupValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

  const fail = (e: FieldErrors, message: string | null) => {
    setServerErrors(e);
    setTopError(message);
    requestAnimationFrame(() =>
      Object.keys(e).length ? focusField(e, SIGNUP_FIELDS) : summaryRef.current?.focus(),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    const local = validateSignup(values);
    if (Object.keys(local).length) {
      setTopError(null);
      return requestAnimationFrame(() => focusField(local, SIGNUP_FIELDS));
    }
    setBusy(true);
    setTopError(null);
    try {
      const guard = await solvedChallenge();
      const receipt = await publicApi.submitSignup(page.slug, {
        ...signupFields(values),
        ...guard,
        website: values.website || undefined,
        channel,
        noticeId: page.notice.id,
        consent: true,
      });
      onDone(receipt);
    } catch (err) {
      if (!(err instanceof PublicApiError)) return fail({}, '提交没有成功，请稍后再试');
      if (err.status === 409 && (await onConflict())?.notice.id !== page.notice.id) {
        setValues((v) => ({ ...v, consent: false }));
        return fail({ consent: '个人信息处理规则已更新，请重新阅读并勾选同意' }, err.message);
      }
      fail(serverFieldErrors(err.details), err.message);
    } finally {
      setBusy(false);
    }
  };

  const options = (list: { id: number; label: string }[]) =>
    list.map((o) => ({ value: String(o.id), label: o.label }));

  return (
    <form className="pm-form" noValidate onSubmit={submit} aria-busy={busy}>
      <ErrorSummary ref={summaryRef} errors={errors} message={topError} fields={SIGNUP_FIELDS} />
      <section className="pm-section" aria-labelledby="sec-person">
        <h2 id="sec-person">基本信息</h2>
        <TextField
          id="name"
          label="姓名"
          required
          autoComplete="name"
          maxLength={50}
          value={values.name}
          error={errors.name}
          onChange={(v) => set('name', v)}
        />
        <RadioGroup
          id="gender"
          legend="性别"
          value={values.gender}
          options={GENDERS}
          error={errors.gender}
          onChange={(v) => set('gender', v as SignupValues['gender'])}
        />
        <p className="pm-hint pm-either" id="age-either">
          出生日期和身份证号填一项即可，用于确认年龄
        </p>
        <TextField
          id="birthDate"
          label="出生日期"
          type="date"
          autoComplete="bday"
          value={values.birthDate}
          error={errors.birthDate}
          hint="点击选择，或按 年-月-日 输入"
          onChange={(v) => set('birthDate', v)}
        />
        <TextField
          id="idNumber"
          label="身份证号"
          inputMode="text"
          maxLength={30}
          value={values.idNumber}
          error={errors.idNumber}
          hint="18 位，最后一位可以是 X"
          onChange={(v) => set('idNumber', v)}
        />
        <AgeNote age={age} />
        {age?.band === 'child' ? <GuardianBlock values={values} set={set} errors={errors} /> : null}
        <TextField
          id="phone"
          label="手机号"
          required
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={30}
          value={values.phone}
          error={errors.phone}
          hint="团组织会通过这个号码联系您"
          onChange={(v) => set('phone', v)}
        />
        <PlacePicker
          id="place"
          value={values.place}
          error={errors.placeUnitId}
          onChange={(v) => set('place', v)}
        />
      </section>

      <section className="pm-section" aria-labelledby="sec-work">
        <h2 id="sec-work">从业与作品</h2>
        {page.categories.length ? (
          <SelectField
            id="categoryId"
            label="群体类别"
            value={values.categoryId}
            options={options(page.categories)}
            error={errors.categoryId}
            onChange={(v) => set('categoryId', v)}
          />
        ) : null}
        <TextField
          id="field"
          label="从事领域"
          maxLength={50}
          value={values.field}
          error={errors.field}
          hint="例如 网络文学、短视频、插画设计"
          onChange={(v) => set('field', v)}
        />
        <TextField
          id="platformOrg"
          label="所在平台或单位"
          maxLength={100}
          value={values.platformOrg}
          error={errors.platformOrg}
          hint="例如 签约的网站、所在的工作室或公司"
          onChange={(v) => set('platformOrg', v)}
        />
        <WorksLinks value={values.worksLinks} errors={errors} onChange={(v) => set('worksLinks', v)} />
      </section>

      <section className="pm-section" aria-labelledby="sec-dream">
        <h2 id="sec-dream">需求与梦想</h2>
        <NeedsField options={page.needs} value={values.needs} onChange={(v) => set('needs', v)} />
        <TextField
          id="needsText"
          label="其他需求"
          multiline
          maxLength={500}
          value={values.needsText}
          error={errors.needsText}
          onChange={(v) => set('needsText', v)}
        />
        <TextField
          id="dream"
          label="我的梦想"
          multiline
          maxLength={1000}
          value={values.dream}
          error={errors.dream}
          hint="想做成的一件事、想得到的帮助，都可以写"
          onChange={(v) => set('dream', v)}
        />
      </section>

      <section className="pm-section" aria-labelledby="sec-consent">
        <h2 id="sec-consent">个人信息保护</h2>
        <NoticeConsent
          notice={page.notice}
          checked={values.consent}
          error={errors.consent}
          onChange={(v) => set('consent', v)}
        />
      </section>

      <FormSubmit
        label="提交报名"
        busy={busy}
        website={values.website}
        onWebsite={(v) => set('website', v)}
      />
    </form>
  );
}
