// window.pitfallLab: the page API (INTERFACES.md, "Browser"). Linked into
// pitfall_lab.js with --post-js, so the hosted and the single-file builds both
// carry it. Methods are synchronous once `ready` has resolved.
(function () {
  var resolveReady;
  var isReady = false;
  var api = {};
  api.ready = new Promise(function (resolve) { resolveReady = resolve; });

  Module['pitfallOnReady'] = function () {
    isReady = true;
    if (Module['pitfallShellReady']) Module['pitfallShellReady']();
    resolveReady(api);
  };

  function need() {
    if (!isReady) throw new Error('pitfallLab: not ready yet (await pitfallLab.ready)');
  }
  function callString(name) {
    need();
    return UTF8ToString(Module['_' + name]());
  }
  function withString(name, text) {
    need();
    text = String(text);
    var n = lengthBytesUTF8(text) + 1;
    var p = Module['_malloc'](n);
    try {
      stringToUTF8(text, p, n);
      Module['_' + name](p);
    } finally {
      Module['_free'](p);
    }
  }

  api.setCode = function (text) { withString('pl_set_code', text); };
  api.getCode = function () { return callString('pl_get_code'); };
  api.state = function () { return JSON.parse(callString('pl_state_json')); };
  api.setOptions = function (options) { withString('pl_set_options', JSON.stringify(options || {})); };
  api.renderedFrames = function () { need(); return Module['_pl_rendered_frames'](); };
  // Rendering cost: frames so far and main-thread milliseconds per frame.
  api.frameStats = function () {
    need();
    return { frames: Module['_pl_rendered_frames'](), lastMs: Module['_pl_frame_ms'](0),
             averageMs: Module['_pl_frame_ms'](1) };
  };
  // What this build contains, e.g. {simulator: true}.
  api.features = function () { need(); return { simulator: !!Module['_pl_has_simulator']() }; };
  api.lessons = function () { need(); return []; };
  api.loadLesson = function (id) {
    need();
    throw new Error('pitfallLab.loadLesson: no lessons in this build (' + id + ')');
  };
  // Resolves when the current simulation has finished (immediately when none runs).
  api.whenIdle = function () {
    need();
    return new Promise(function (resolve) {
      (function check() {
        if (Module['_pl_is_idle']()) resolve();
        else setTimeout(check, 20);
      })();
    });
  };
  // Where the panels are on the canvas, in CSS pixels (for tests and embedders).
  api.layout = function () { return JSON.parse(callString('pl_layout_json')); };

  if (typeof window !== 'undefined') window.pitfallLab = api;
})();
