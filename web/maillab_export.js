// The export frame: ?lesson=ID (or ?file=NAME, a lesson file the page holds in
// sessionStorage) and ?kind=jsonl|transcript|pcap|keylog. Its maillab runs
// `maillab export` once and the file goes to the page as bytes.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const kinds = {
    jsonl: { option: '--jsonl', suffix: '.jsonl', type: 'application/x-ndjson' },
    transcript: { option: '--transcript', suffix: '.txt', type: 'text/plain' },
    pcap: { option: '--pcap', suffix: '.pcap', type: 'application/vnd.tcpdump.pcap' },
    keylog: { option: '--keylog', suffix: '.keys', type: 'text/plain' },
  };
  const what = kinds[params.get('kind')];
  let upload = null;
  if (params.has('file')) {
    try { upload = JSON.parse(sessionStorage.getItem('maillab-upload')); } catch (e) { upload = null; }
  }
  const lesson = upload ? './' + upload.name : (params.get('lesson') || 'pop3-vs-imap');
  const base = lesson.replace(/^.*\//, '').replace(/\.toml$/, '');
  const path = '/tmp/' + base + what.suffix;
  const args = ['export', lesson, what.option, path];
  // A key log comes with the capture it decrypts.
  if (params.get('kind') === 'keylog') args.push('--pcap', '/tmp/' + base + '.pcap');
  const messages = [];

  function reply(message) { parent.postMessage(message, location.origin); }

  window.Module = {
    canvas: document.getElementById('canvas'),
    arguments: args,
    preRun: [function () {
      if (upload) Module.FS.writeFile('/home/web_user/' + upload.name, upload.text);
      Module.FS.chdir('/home/web_user');
    }],
    print: () => {},
    printErr: (text) => messages.push(text),
    postRun: [function () {
      try {
        reply({ name: base + what.suffix, type: what.type, bytes: Module.FS.readFile(path) });
      } catch (e) {
        reply({ error: messages.join('\n') || 'maillab could not export ' + params.get('kind') });
      }
    }],
  };
})();
