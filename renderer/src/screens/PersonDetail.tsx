import { useCallback, useEffect, useRef, useState } from 'react';
import type { PersonView, TimelineEntry } from '../../../src/api/views';
import type { ErrorBody } from '../../../src/domain/errors';
import { api } from '../api/transport';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { AttachmentsSection } from './detail/AttachmentsSection';
import { EngineError } from './detail/EngineError';
import { FactsSection } from './detail/FactsSection';
import { HoldsSection } from './detail/HoldsSection';
import { isTypingTarget } from './detail/labels';
import { MergedIntoBanner, MergedRecordsSection, OpenDuplicatesNotice, SourcesSection } from './detail/MergeSections';
import { NotesSection } from './detail/NotesSection';
import { PersonHeader } from './detail/PersonHeader';
import { StageSection } from './detail/StageSection';
import { TimelineSection } from './detail/TimelineSection';
import { VerificationSection } from './detail/VerificationSection';
import { WayHomeSection } from './detail/WayHomeSection';
import './detail/detail.css';

/** One person's case: who they are, where the case stands, what may happen next, and its history. */
export function PersonDetail({ personRef }: { personRef: string }) {
  const { t } = useI18n();
  const [person, setPerson] = useState<PersonView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [refreshError, setRefreshError] = useState<ErrorBody | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[] | null>(null);
  const [timelineError, setTimelineError] = useState<ErrorBody | null>(null);
  const [announcement, setAnnouncement] = useState<{ text: string; n: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const alive = useRef(true);
  const focused = useRef(false);
  const loaded = useRef(false);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const loadTimeline = useCallback(async () => {
    setTimelineError(null);
    const result = await api('person.timeline', { ref: personRef });
    if (!alive.current) return;
    if (result.ok) setTimeline(result.value);
    else setTimelineError(result.error);
  }, [personRef]);

  const loadPerson = useCallback(async (): Promise<void> => {
    const result = await api('person.get', { ref: personRef });
    if (!alive.current) return;
    if (result.ok) {
      loaded.current = true;
      setPerson(result.value);
      setError(null);
      setRefreshError(null);
    } else if (loaded.current) {
      // The case is on screen already: keep it and say the refresh failed.
      setRefreshError(result.error);
    } else setError(result.error);
  }, [personRef]);

  useEffect(() => {
    void loadPerson();
    void loadTimeline();
  }, [loadPerson, loadTimeline]);

  // Land on the name when the case opens, so a screen reader says whose case this is.
  useEffect(() => {
    if (person && !focused.current) {
      focused.current = true;
      heading.current?.focus();
    }
  }, [person]);

  const announce = useCallback((text: string) => setAnnouncement((a) => ({ text, n: (a?.n ?? 0) + 1 })), []);

  /** A call returned the updated person: show it, refresh the history, say what happened. */
  const changed = useCallback(
    (view: PersonView, message: string) => {
      setPerson(view);
      setRefreshError(null);
      announce(message);
      void loadTimeline();
    },
    [announce, loadTimeline],
  );

  /** A call changed the case but returned only its own record (note, attachment): reload. */
  const reload = useCallback(
    async (message: string) => {
      announce(message);
      await Promise.all([loadPerson(), loadTimeline()]);
    },
    [announce, loadPerson, loadTimeline],
  );

  const edit = useCallback(() => navigate({ name: 'edit', ref: person?.caseNumber ?? personRef }), [person, personRef]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      // An open dialog handles its own keys (Escape closes it, not the screen).
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'Escape') {
        // First Escape leaves a text field (so a half-written note is not lost); the next goes back.
        if (isTypingTarget(e.target)) (e.target as HTMLElement).blur();
        else navigate({ name: 'list' });
      } else if ((e.key === 'e' || e.key === 'E') && !isTypingTarget(e.target) && person && !person.mergedInto) {
        e.preventDefault();
        edit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edit, person]);

  const back = (
    <a href="#/people" className="detail-back" title="Esc">
      {t('detail.backToList')}
    </a>
  );

  if (error) {
    const notFound = error.code === 'NOT_FOUND';
    return (
      <div className="detail">
        {back}
        <h1>{notFound ? t('detail.notFound') : t('detail.errorTitle')}</h1>
        {!notFound && (
          <>
            <EngineError error={error} />
            <button type="button" className="btn" onClick={() => void loadPerson()}>
              {t('app.retry')}
            </button>
          </>
        )}
      </div>
    );
  }
  if (!person) return <Loading />;
  // A record merged into another is history: the case goes on, and is worked on, in the record it was merged into.
  const merged = person.mergedInto !== null;

  return (
    <div className="detail">
      {back}
      <MergedIntoBanner person={person} />
      <PersonHeader person={person} onEdit={merged ? undefined : edit} headingRef={heading} />
      <OpenDuplicatesNotice person={person} />
      <div role="status" aria-live="polite" className="detail-status">
        {announcement && (
          <p key={announcement.n} className="alert ok">
            {announcement.text}
          </p>
        )}
      </div>
      {refreshError && (
        <div className="detail-refresh">
          <EngineError error={refreshError} />
          <button type="button" className="btn small" onClick={() => void loadPerson()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      <div className="cols">
        <div>
          {!merged && (
            <>
              <StageSection person={person} onChanged={changed} />
              <HoldsSection person={person} onChanged={changed} />
              <VerificationSection person={person} onChanged={changed} />
              <WayHomeSection person={person} />
            </>
          )}
          <FactsSection person={person} />
          <MergedRecordsSection person={person} onChanged={changed} />
          <SourcesSection person={person} />
        </div>
        <div>
          <NotesSection person={person} onChanged={reload} readOnly={merged} />
          <AttachmentsSection person={person} onChanged={reload} readOnly={merged} />
          <TimelineSection entries={timeline} error={timelineError} onRetry={() => void loadTimeline()} />
        </div>
      </div>
    </div>
  );
}
