/**
 * Editor features beyond the lean editor core, for the editable XPath editor (src/ui/mapper/XPathEditor.tsx):
 * typing and clipboard commands, the suggest widget, snippets (the cursor between a function's
 * parentheses), hovers (error markers), placeholder text, bracket matching and word moves.
 * Imported by monaco.ts BEFORE any language is registered: registering a language starts Monaco's
 * services, and services (like the suggest widget's memory) registered after that are never found.
 */
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
