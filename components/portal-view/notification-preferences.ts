import { css, html, nothing, type TemplateResult } from 'lit';
import type { Frequency, NotificationPreference } from '../../src/model/notification.js';
import { FREQUENCIES } from '../../src/model/notification-lists.js';
import type { PortalClient } from '../context.js';
import type { SgStrings } from '../i18n/en.js';
import { disabledWhile, focusOutcome } from '../base/a11y.js';

/** What the preferences control needs from `<sg-portal-view>`. */
export interface PreferencesHost {
  client(): PortalClient | undefined;
  requestUpdate(): void;
  /** Resolves once the host has rendered. */
  updated(): Promise<unknown>;
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  problem(error: unknown): string;
}

const LABEL: Record<Frequency, keyof SgStrings> = { instant: 'notifyInstant', daily: 'notifyDaily', weekly: 'notifyWeekly', off: 'notifyOff' };
const HINT: Record<Frequency, keyof SgStrings> = { instant: 'notifyInstantHint', daily: 'notifyDailyHint', weekly: 'notifyWeeklyHint', off: 'notifyOffHint' };

/**
 * "Email notifications" for the signed-in client: how often it hears of what is shared with it
 * (`instant`, `daily`, `weekly`, `off`), each choice explained in words, the builder's default
 * (`tenantDefault`) labelled as such whatever the client chose. Read when the client opens it
 * (no request on every page load), saved through `notifications.set`, with a notice saying what
 * happened.
 */
export class NotificationPreferences {
  private current?: NotificationPreference;
  private chosen?: Frequency;
  private loading = false;
  private saving = false;
  private loadError?: unknown;
  private notice?: { saved: Frequency } | { error: unknown };
  private loadedFor?: PortalClient;

  constructor(private readonly host: PreferencesHost) {}

  private async load(): Promise<void> {
    const client = this.host.client();
    if (!client || this.loading || (this.loadedFor === client && this.current)) return;
    this.loading = true;
    this.loadError = undefined;
    this.host.requestUpdate();
    try {
      this.current = await client.notifications.get();
      this.chosen = this.current.frequency;
      this.loadedFor = client;
    } catch (error) {
      this.loadError = error;
    }
    this.loading = false;
    this.host.requestUpdate();
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const client = this.host.client();
    const frequency = this.chosen;
    if (!client || !frequency || this.saving || frequency === this.current?.frequency) return;
    this.saving = true;
    this.notice = undefined;
    this.host.requestUpdate();
    try {
      // The radios stay enabled while saving (a disabled one would drop focus): a newer choice is kept.
      this.current = await client.notifications.set({ frequency });
      this.notice = { saved: this.current.frequency };
    } catch (error) {
      this.notice = { error };
    }
    this.saving = false;
    this.host.requestUpdate();
    // Saved: focus stays on Save (the status says so); refused: on the error.
    await focusOutcome(form, this.host.updated());
  }

  private choose(frequency: Frequency): void {
    this.chosen = frequency;
    this.notice = undefined;
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const { t } = this.host;
    return html`<details part="notifications" class="prefs" @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && void this.load()}>
      <summary>${t('notifyTitle')}</summary>
      ${this.body()}
    </details>`;
  }

  private body(): TemplateResult {
    const { t } = this.host;
    if (this.loadError) {
      return html`<div class="notice error" role="alert">
        <p>${this.host.problem(this.loadError)}</p>
        <button class="btn" type="button" @click=${() => void this.load()}>${t('retry')}</button>
      </div>`;
    }
    if (!this.current) return html`<p class="meta" role="status">${t('loading')}</p>`;
    const current = this.current;
    return html`<form class="prefs-form" @submit=${(e: Event) => void this.save(e)}>
      <fieldset>
        <legend>${t('notifyIntro')}</legend>
        ${FREQUENCIES.map(
          (f) => html`<label class="choice">
            <input type="radio" name="frequency" value=${f} .checked=${this.chosen === f} @change=${() => this.choose(f)} />
            <span class="choice-text">
              <span class="choice-name">${t(LABEL[f])}${current.tenantDefault === f ? html` <span class="meta">${t('notifyDefault')}</span>` : nothing}</span>
              <span class="meta">${t(HINT[f])}</span>
            </span>
          </label>`,
        )}
      </fieldset>
      <div class="prefs-actions">
        <button class="btn primary" type="submit" aria-disabled=${disabledWhile(this.saving || this.chosen === current.frequency)}>${t(this.saving ? 'notifySaving' : 'notifySave')}</button>
        <span role="status">${this.notice && 'saved' in this.notice ? html`<span class="notice success">${t('notifySaved', { choice: t(LABEL[this.notice.saved]) })}</span>` : nothing}</span>
      </div>
      ${this.notice && 'error' in this.notice ? html`<p class="notice error" role="alert" tabindex="-1">${this.host.problem(this.notice.error)}</p>` : nothing}
    </form>`;
  }
}

export const preferencesStyles = css`
  .prefs {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
  }
  .prefs summary {
    cursor: pointer;
    font-weight: 600;
  }
  .prefs summary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .prefs-form {
    display: grid;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .prefs fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
    min-width: 0;
  }
  .prefs legend {
    padding: 0;
    margin-bottom: 0.35rem;
  }
  .choice {
    display: flex;
    align-items: start;
    gap: 0.6rem;
    cursor: pointer;
  }
  .choice input {
    accent-color: var(--_accent);
    margin: 0.2rem 0 0;
    flex: none;
  }
  .choice-text {
    display: grid;
    gap: 0.1rem;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .choice-name {
    font-weight: 550;
  }
  .prefs-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
`;
