/**
 * Keeps a failure inside one panel (a lazily loaded editor that could not be fetched, a bug in a view)
 * from taking the whole app down: the panel shows what happened and a retry; the mapper and the
 * project stay usable and nothing is lost.
 */
import { Component, type ReactNode } from 'react';
import { useSession } from '../state/session.ts';

const TEXT = {
  de: { title: 'Diese Ansicht konnte nicht angezeigt werden', retry: 'Erneut versuchen' },
  en: { title: 'This view could not be shown', retry: 'Try again' },
};

interface Props {
  children: ReactNode;
  /** Changing it clears the error (e.g. the tab or flow changed). */
  resetKey: string;
}

/** An error boundary for one panel. */
export class PanelBoundary extends Component<Props, { error?: Error; key: string }> {
  override state: { error?: Error; key: string } = { key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error?: Error; key: string }) {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const tx = TEXT[useSession.getState().lang];
    return (
      <div className="run-error" role="alert" data-testid="panel-error">
        <strong>{tx.title}</strong>: {String(this.state.error.message ?? this.state.error)}{' '}
        <button onClick={() => this.setState({ error: undefined })}>{tx.retry}</button>
      </div>
    );
  }
}
