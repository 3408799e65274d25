import { describe, expect, it } from 'vitest';
import { publicEventSchema } from '../../content-model';
import { registrationFormPage } from '../../functions/events/pages';
import { emptyForm } from '../../functions/shared/web/fields';
import { storedEvent } from '../support/events';

/** The event as the form shows it: stored fields, free seats, no program. */
function publicEvent(description: string) {
  const event = storedEvent({ description });
  return publicEventSchema.parse({
    ...event,
    attendance: event.attendance.map((option) => ({ ...option, free: option.capacity, confirmed: 0, held: 0, waitlisted: 0 })),
    sessions: [],
    registrationOpen: true,
    registrationUrl: 'https://api.normen.no/events/ev-2026-normkonf/registrations',
  });
}

describe('the registration form page', () => {
  it("shows the event's description under the title, through the rich-text allowlist even when the stored text never went through it", () => {
    const page = registrationFormPage(
      publicEvent('<p>Om <em>skytjenester</em>.</p><script>alert(1)</script><img src=x onerror="alert(2)"><p onclick="alert(3)">Program</p>'),
      90,
      emptyForm,
    );
    expect(page).toMatch(
      /<h1>Normkonferansen 2026<\/h1>\s*<p class="meta">[^<]*<\/p>\s*<div class="description"><p>Om <em>skytjenester<\/em>\.<\/p><p>Program<\/p><\/div>\s*<form/,
    );
    expect(page).not.toMatch(/alert|<script|<img|onclick|onerror/);
  });

  it('shows no description block for an empty one (the editor leaves an empty paragraph)', () => {
    for (const description of ['', '<p></p>', '<p>&nbsp;</p>', '<p><br></p>']) {
      expect(registrationFormPage(publicEvent(description), 90, emptyForm), description).not.toContain('class="description"');
    }
  });
});
