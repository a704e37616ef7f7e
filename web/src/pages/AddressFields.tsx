/** The delivery address form, shared by checkout and by paying for a launch reservation. */
import type { Address } from '../lib/types';
import { useT, type StoreKey } from '../strings';

export type AddressField = 'recipient' | 'phone' | 'province' | 'city' | 'district' | 'line1' | 'postalCode';
export type AddressDraft = Record<AddressField, string>;

const FIELDS: Array<{ name: AddressField; label: StoreKey; required: boolean; autoComplete: string; type?: string; wide?: boolean }> = [
  { name: 'recipient', label: 'address.recipient', required: true, autoComplete: 'name' },
  { name: 'phone', label: 'address.phone', required: true, autoComplete: 'tel', type: 'tel' },
  { name: 'province', label: 'address.province', required: true, autoComplete: 'address-level1' },
  { name: 'city', label: 'address.city', required: true, autoComplete: 'address-level2' },
  { name: 'district', label: 'address.district', required: false, autoComplete: 'address-level3' },
  { name: 'postalCode', label: 'address.postalCode', required: false, autoComplete: 'postal-code' },
  { name: 'line1', label: 'address.line1', required: true, autoComplete: 'street-address', wide: true },
];

export function emptyAddress(recipient = ''): AddressDraft {
  return { recipient, phone: '', province: '', city: '', district: '', line1: '', postalCode: '' };
}

/** An address from a previous order, as a draft to edit. */
export function draftFrom(a: Address): AddressDraft {
  return { recipient: a.recipient, phone: a.phone, province: a.province, city: a.city, district: a.district ?? '', line1: a.line1, postalCode: a.postalCode ?? '' };
}

/** The API's address from the form (trimmed; optional parts left out when empty). */
export function toAddress(d: AddressDraft): Address {
  const address: Address = { recipient: d.recipient.trim(), phone: d.phone.trim(), country: 'CN', province: d.province.trim(), city: d.city.trim(), line1: d.line1.trim() };
  if (d.district.trim()) address.district = d.district.trim();
  if (d.postalCode.trim()) address.postalCode = d.postalCode.trim();
  return address;
}

/** The fieldset of address inputs (labelled, with autocomplete hints for the browser). */
export function AddressFieldset({ value, onChange, className = 'card address-form', idPrefix = 'addr', markFirstEmpty }: { value: AddressDraft; onChange: (next: AddressDraft) => void; className?: string; idPrefix?: string; markFirstEmpty?: boolean }) {
  const { t } = useT();
  // The field to start typing in (for pages that move focus into the form).
  const firstEmpty = markFirstEmpty ? FIELDS.find((f) => f.required && !value[f.name].trim())?.name : undefined;
  return (
    <fieldset className={className}>
      <legend>{t('checkout.address')}</legend>
      <div className="form-grid">
        {FIELDS.map((f) => (
          <div key={f.name} className={f.wide ? 'field wide' : 'field'}>
            <label htmlFor={`${idPrefix}-${f.name}`}>
              {t(f.label)}
              {!f.required ? <span className="muted"> ({t('common.optional')})</span> : null}
            </label>
            <input
              id={`${idPrefix}-${f.name}`}
              name={f.name}
              type={f.type ?? 'text'}
              required={f.required}
              autoComplete={f.autoComplete}
              value={value[f.name]}
              maxLength={f.name === 'line1' ? 200 : 60}
              data-autofocus={f.name === firstEmpty ? true : undefined}
              onChange={(e) => onChange({ ...value, [f.name]: e.target.value })}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
