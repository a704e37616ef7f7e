/**
 * The delivery address form, shared by checkout and by paying for a launch reservation: the
 * recipient, a phone number, the province / city / district picked from China's division
 * lists (RegionPicker), the street address and a postal code. Problems show next to their
 * field in the page's language — found before sending (`validateAddress`), or read back from
 * the API's answer, whose `details.issues` name the field (`apiFieldErrors`); the API's own
 * English text is never shown.
 */
import type { Address, AddressInput } from '../lib/types';
import { ApiError } from '../lib/api';
import { useT, type StoreKey } from '../strings';
import { RegionField } from './RegionPicker';

export type AddressField = 'recipient' | 'phone' | 'region' | 'line1' | 'postalCode';

/** The form's values: texts as typed, the divisions by code ('' until picked). */
export interface AddressDraft {
  recipient: string;
  phone: string;
  provinceCode: string;
  cityCode: string;
  districtCode: string;
  line1: string;
  postalCode: string;
}

/** A field's problem, as the key of its message. */
export type AddressErrors = Partial<Record<AddressField, StoreKey>>;

const TEXT_FIELDS: Array<{ name: Exclude<AddressField, 'region'>; label: StoreKey; required: boolean; autoComplete: string; type?: string; inputMode?: 'tel' | 'numeric'; wide?: boolean; max: number }> = [
  { name: 'recipient', label: 'address.recipient', required: true, autoComplete: 'name', max: 100 },
  { name: 'phone', label: 'address.phone', required: true, autoComplete: 'tel', type: 'tel', inputMode: 'tel', max: 20 },
  { name: 'line1', label: 'address.line1', required: true, autoComplete: 'street-address', wide: true, max: 200 },
  { name: 'postalCode', label: 'address.postalCode', required: false, autoComplete: 'postal-code', inputMode: 'numeric', max: 6 },
];

/** The order the fields come in on the page (the first with a problem takes the focus). */
export const FIELD_ORDER: readonly AddressField[] = ['recipient', 'phone', 'region', 'line1', 'postalCode'];

export function emptyAddress(recipient = ''): AddressDraft {
  return { recipient, phone: '', provinceCode: '', cityCode: '', districtCode: '', line1: '', postalCode: '' };
}

/** An address from a previous order, as a draft to edit (one typed before division codes keeps its texts; its region is picked anew). */
export function draftFrom(a: Address): AddressDraft {
  return { recipient: a.recipient, phone: a.phone, provinceCode: a.provinceCode ?? '', cityCode: a.cityCode ?? '', districtCode: a.districtCode ?? '', line1: a.line1, postalCode: a.postalCode ?? '' };
}

/** The API's address from the form (trimmed; optional parts left out when empty). */
export function toAddress(d: AddressDraft): AddressInput {
  const address: AddressInput = { recipient: d.recipient.trim(), phone: d.phone.trim(), country: 'CN', provinceCode: d.provinceCode, cityCode: d.cityCode, districtCode: d.districtCode, line1: d.line1.trim() };
  if (d.postalCode.trim()) address.postalCode = d.postalCode.trim();
  return address;
}

/** The API's bounds, checked before sending (the same rules as AddressIn in src/orders/routes.ts). */
export function validateAddress(d: AddressDraft): AddressErrors {
  const e: AddressErrors = {};
  if (!d.recipient.trim()) e.recipient = 'address.err.recipient';
  if (!/^\+?[0-9 ()-]{5,20}$/.test(d.phone.trim())) e.phone = 'address.err.phone';
  if (!d.provinceCode || !d.cityCode || !d.districtCode) e.region = 'address.err.region';
  if (!d.line1.trim()) e.line1 = 'address.err.line1';
  if (d.postalCode.trim() && !/^\d{6}$/.test(d.postalCode.trim())) e.postalCode = 'address.err.postalCode';
  return e;
}

/** Whether the draft would pass `validateAddress`. */
export function isComplete(d: AddressDraft): boolean {
  return Object.keys(validateAddress(d)).length === 0;
}

/**
 * The fields an API refusal names (`details.issues[].path`, such as "address.phone" or
 * "address.cityCode"), each with its message in the page's language; null when the error is
 * not about the address.
 */
export function apiFieldErrors(err: unknown): AddressErrors | null {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return null;
  const issues = (err.details as { issues?: Array<{ path?: string }> } | undefined)?.issues ?? [];
  const e: AddressErrors = {};
  for (const i of issues) {
    const field = /^address\.(\w+)/.exec(i.path ?? '')?.[1];
    if (field === 'recipient') e.recipient = 'address.err.recipient';
    else if (field === 'phone') e.phone = 'address.err.phone';
    else if (field === 'provinceCode' || field === 'cityCode' || field === 'districtCode') e.region = 'address.err.regionMismatch';
    else if (field === 'line1' || field === 'line2') e.line1 = 'address.err.line1';
    else if (field === 'postalCode') e.postalCode = 'address.err.postalCode';
  }
  return Object.keys(e).length ? e : null;
}

/** Moves the focus to the first field with a problem. */
export function focusFirstError(idPrefix: string, errors: AddressErrors): void {
  const first = FIELD_ORDER.find((f) => errors[f]);
  if (first) document.getElementById(`${idPrefix}-${first}`)?.focus();
}

/** The fieldset of address fields (labelled, with autocomplete hints and errors at their fields). */
export function AddressFieldset({
  value,
  onChange,
  errors = {},
  className = 'card address-form',
  idPrefix = 'addr',
  markFirstEmpty,
}: {
  value: AddressDraft;
  onChange: (next: AddressDraft) => void;
  errors?: AddressErrors;
  className?: string;
  idPrefix?: string;
  markFirstEmpty?: boolean;
}) {
  const { t } = useT();
  // The field to start in (for pages that move focus into the form).
  const missing = validateAddress(value);
  const firstEmpty = markFirstEmpty ? FIELD_ORDER.find((f) => missing[f] && (f !== 'postalCode')) : undefined;
  const errorId = (f: AddressField) => `${idPrefix}-${f}-error`;
  const errorNote = (f: AddressField) =>
    errors[f] ? (
      <p id={errorId(f)} className="field-error" data-testid={`addr-error-${f}`}>
        {t(errors[f])}
      </p>
    ) : null;
  const text = (f: (typeof TEXT_FIELDS)[number]) => (
    <div key={f.name} className={f.wide ? 'field wide' : 'field'}>
      <label htmlFor={`${idPrefix}-${f.name}`}>
        {t(f.label)}
        {!f.required ? <span className="muted"> ({t('common.optional')})</span> : null}
      </label>
      <input
        id={`${idPrefix}-${f.name}`}
        name={f.name}
        type={f.type ?? 'text'}
        inputMode={f.inputMode}
        required={f.required}
        autoComplete={f.autoComplete}
        value={value[f.name]}
        maxLength={f.max}
        aria-invalid={errors[f.name] ? true : undefined}
        aria-describedby={errors[f.name] ? errorId(f.name) : undefined}
        data-autofocus={f.name === firstEmpty ? true : undefined}
        onChange={(e) => onChange({ ...value, [f.name]: e.target.value })}
      />
      {errorNote(f.name)}
    </div>
  );
  const [recipient, phone, line1, postalCode] = TEXT_FIELDS;
  return (
    <fieldset className={className}>
      <legend>{t('checkout.address')}</legend>
      <div className="form-grid">
        {text(recipient!)}
        {text(phone!)}
        <div className="field wide">
          <label htmlFor={`${idPrefix}-region`} id={`${idPrefix}-region-label`}>
            {t('address.region')}
          </label>
          <RegionField
            id={`${idPrefix}-region`}
            value={value}
            onChange={(codes) => onChange({ ...value, ...codes })}
            invalid={!!errors.region}
            describedBy={errors.region ? errorId('region') : undefined}
            autoFocusMark={firstEmpty === 'region'}
          />
          {errorNote('region')}
        </div>
        {text(line1!)}
        {text(postalCode!)}
      </div>
    </fieldset>
  );
}
