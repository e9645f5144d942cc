// The page around maillab's window: it turns the address
// (?lesson=ID&step=N&scale=150&theme=light) into maillab's command line,
// opens lesson files the user picks or drops (kept in sessionStorage across
// the reload that starts maillab anew), shows what maillab reports
// (file:line:col for a lesson with mistakes), and downloads exports.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('status');
  const errors = document.getElementById('errors');
  const bar = document.getElementById('bar');
  const kUploadKey = 'maillab-upload';

  // A lesson file the user opened: written into maillab's file system.
  let upload = null;
  if (params.has('file')) {
    try { upload = JSON.parse(sessionStorage.getItem(kUploadKey)); } catch (e) { upload = null; }
    if (!upload || upload.name !== params.get('file')) {
      upload = null;
      showError('The lesson file "' + params.get('file') + '" is no longer here: open it again.');
    }
  }
  const lesson = upload ? './' + upload.name : (params.get('lesson') || 'pop3-vs-imap');

  // The canvas fills the page below the bar. Its pixels are the screen's:
  // CSS size times the device pixel ratio (2 on many laptops and phones), so
  // the browser never stretches it and text stays sharp; maillab scales its
  // fonts by the same ratio. The stylesheet holds the CSS size, where
  // Emscripten's own resizing leaves it alone.
  function canvasPixels() {
    const width = Math.max(640, Math.floor(window.innerWidth));
    const height = Math.max(480, Math.floor(window.innerHeight - bar.offsetHeight));
    const root = document.documentElement.style;
    root.setProperty('--canvas-width', width + 'px');
    root.setProperty('--canvas-height', height + 'px');
    const ratio = window.devicePixelRatio || 1;
    return [Math.round(width * ratio), Math.round(height * ratio)];
  }

  function guiArguments() {
    const args = ['gui', lesson, '--size', canvasPixels().join('x')];
    if (params.has('step')) args.push('--seek', params.get('step'));
    if (params.has('scale')) args.push('--scale', params.get('scale'));
    if (params.has('theme')) args.push('--theme', params.get('theme'));
    return args;
  }

  function showError(text) {
    errors.style.display = 'block';
    errors.textContent += text + '\n';
  }

  function openFile(file) {
    if (!file) return;
    file.text().then((text) => {
      sessionStorage.setItem(kUploadKey, JSON.stringify({ name: file.name, text: text }));
      const next = new URLSearchParams(params);
      next.delete('lesson');
      next.delete('step');
      next.set('file', file.name);
      location.search = next.toString();
    });
  }

  function download(bytes, name, type) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([bytes], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // An export plays the lesson from the start in a maillab of its own, in an
  // invisible frame (export.html), which sends the file back.
  function exportAs(kind) {
    const frame = document.createElement('iframe');
    frame.hidden = true;
    const query = new URLSearchParams({ kind: kind });
    if (upload) query.set('file', upload.name); else query.set('lesson', lesson);
    frame.src = 'export.html?' + query.toString();
    document.body.appendChild(frame);
  }

  window.addEventListener('message', (e) => {
    if (e.origin !== location.origin) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow === e.source) frame.remove();
    }
    if (e.data.error) showError(e.data.error);
    else download(e.data.bytes, e.data.name, e.data.type);
    window.maillabExports = (window.maillabExports || 0) + 1;  // read by the tests
  });

  // The window follows the browser's: Emscripten's GLFW hears of the new
  // canvas size and maillab lays its panels out again. Zooming the page
  // changes the pixel ratio and comes here too.
  window.addEventListener('resize', () => {
    if (!Module.setCanvasSize) return;
    const [width, height] = canvasPixels();
    Module.setCanvasSize(width, height);
  });

  // Emscripten 3.1.6's GLFW hands a wheel event's deltaY on as it is:
  // pixels, and positive downwards, where GLFW (and so the window) counts
  // notches, positive upwards. The page turns each wheel event into one in
  // GLFW's units before the canvas sees it (about 100 pixels or 3 lines a notch).
  const kPixelsPerNotch = 100;
  const kLinesPerNotch = 3;
  function toNotches(delta, mode) {
    return -delta / (mode === WheelEvent.DOM_DELTA_LINE ? kLinesPerNotch : kPixelsPerNotch);
  }
  window.addEventListener('wheel', (e) => {
    if (e.target !== canvas || !e.isTrusted) return;
    e.stopPropagation();
    e.preventDefault();
    canvas.dispatchEvent(new WheelEvent('wheel', {
      deltaX: toNotches(e.deltaX, e.deltaMode), deltaY: toNotches(e.deltaY, e.deltaMode),
      clientX: e.clientX, clientY: e.clientY, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey,
    }));
  }, { capture: true, passive: false });
  // The old event of the same name would scroll a second time.
  window.addEventListener('mousewheel', (e) => {
    if (e.target === canvas) { e.stopPropagation(); e.preventDefault(); }
  }, { capture: true, passive: false });

  document.getElementById('file').addEventListener('change', (e) => openFile(e.target.files[0]));
  document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dropping'); });
  document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dropping');
    openFile(e.dataTransfer.files[0]);
  });
  for (const button of document.querySelectorAll('[data-export]')) {
    button.addEventListener('click', () => exportAs(button.dataset.export));
  }

  window.Module = {
    canvas: canvas,
    arguments: guiArguments(),
    preRun: [function () {
      if (upload) Module.FS.writeFile('/home/web_user/' + upload.name, upload.text);
      Module.FS.chdir('/home/web_user');
    }],
    print: (text) => console.log(text),
    // maillab's own messages (a lesson's mistakes as file:line:col, a wrong
    // step): shown on the page, where a teacher sees them.
    printErr: (text) => { console.warn(text); showError(text); },
    setStatus: (text) => { status.textContent = text; },
    onRuntimeInitialized: () => {
      status.style.display = 'none';
      canvas.focus();
      // main() runs right after this, and its first frame comes with the
      // next animation frame but one: when it is on screen (read by the tests).
      requestAnimationFrame(() => requestAnimationFrame(() => {
        window.maillabFirstFrameMs = performance.now();
      }));
    },
    onAbort: (what) => showError('maillab stopped: ' + what),
  };
})();
