import { describe, expect, it } from 'vitest';
import {
  editPatch,
  formalFromIncident,
  mayEdit,
} from '../../../../../../renderer/features/appeal/editing/editing';
import { appealFixture } from '../../../../shared/model/fixtures';

const now = Date.UTC(2026, 11, 6, 9, 0);
const incident = appealFixture({
  id: 'incident-1',
  regime: 'incident',
  channel: 'telegram',
  status: 'in_progress',
  category: 'roads',
  subcategory: 'roads.potholes',
  updatedAt: now - 1000,
});

describe('editing an incoming appeal', () => {
  it('changes only what differs, and drops a subcategory of another category', () => {
    const edited = editPatch(
      incident,
      { subject: '  Яма у школы ', category: 'lighting', subcategory: 'roads.potholes', urgent: true },
      now,
    );
    expect(edited).toEqual({
      ok: true,
      patch: {
        subject: 'Яма у школы',
        category: 'lighting',
        subcategory: null,
        urgent: true,
        updatedAt: now,
      },
    });
    const same = {
      subject: incident.subject,
      category: 'roads',
      subcategory: 'roads.potholes',
      urgent: incident.urgent,
    };
    expect(editPatch(incident, same, now)).toEqual({ ok: true, patch: null });
  });

  it('refuses an empty subject, and offers no editing of a closed appeal', () => {
    expect(
      editPatch(incident, { subject: ' ', category: null, subcategory: null, urgent: false }, now),
    ).toEqual({
      ok: false,
      error: 'editing.errors.subjectRequired',
    });
    expect(mayEdit({ status: 'closed' })).toBe(false);
    expect(mayEdit({ status: 'new' })).toBe(true);
  });
});

describe('turning an incident into a formal appeal', () => {
  const input = {
    fullName: 'Петрова Анна Сергеевна',
    phone: '8 912 345-67-89',
    email: 'anna@example.ru',
    postalAddress: '',
    form: 'complaint' as const,
    subject: 'Яма на дороге',
    text: 'Прошу рассмотреть как обращение.',
  };

  it('makes a formal appeal of the same channel, department and category, linked to the incident', () => {
    const made = formalFromIncident(incident, input, { id: 'formal-1', now });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.appeal).toMatchObject({
      id: 'formal-1',
      regime: 'formal',
      status: 'received',
      channel: 'telegram',
      departmentId: incident.departmentId,
      category: 'roads',
      convertedFromId: 'incident-1',
      conversationId: '',
      kind: { form: 'complaint' },
      applicant: {
        name: { lastName: 'Петрова', firstName: 'Анна', patronymic: 'Сергеевна' },
        identification: 'none',
        applicantId: null,
      },
    });
    expect(made.appeal.applicant.contacts.phone).toBe('+79123456789');
  });

  it('names every missing field: the name and the contacts the rule needs', () => {
    const made = formalFromIncident(
      incident,
      { ...input, fullName: '', phone: '', text: ' ' },
      { id: 'x', now },
    );
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(Object.keys(made.errors).sort()).toEqual(['contacts', 'fullName', 'text']);
  });
});
