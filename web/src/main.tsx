import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App';
import { prefetchFor } from './prefetch';
import { startSession } from './session';
import './styles.css';

// The session, the page's code and the page's reads all at once, rather than one after the other.
startSession();
preloadPage(window.location.pathname);
prefetchFor(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('no #root element in the app shell');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
