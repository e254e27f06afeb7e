// Badge scanning with the device's camera, for the check-in desk and the recruiter's leads page
// (any form marked data-scan-form, or the desk's #checkin-form). The browser's BarcodeDetector is
// used where it exists (Chrome on Android, ChromeOS, macOS); elsewhere the camera's frames are
// decoded with jsQR (static/jsqr/, vendored from npm, loaded only when the camera starts).
// Without a camera nothing changes: a USB or Bluetooth scanner "types" the code into the focused
// field, or the person types it by hand.
(function () {
  "use strict";
  var form = document.querySelector("form[data-scan-form]") || document.getElementById("checkin-form");
  if (!form || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var input = form.querySelector("input[name=code], input[name=badge_code]");
  var how = form.querySelector("[data-scan-how]");
  var BADGE = /^TF-[A-Z0-9]{4,}$/i;

  function loadJsQR() {
    if (window.jsQR) return Promise.resolve(window.jsQR);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = "/static/jsqr/jsQR.js";
      script.onload = function () { resolve(window.jsQR); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // A function reading one video frame: resolves to the text of a QR code in it, or null.
  function makeReader(video) {
    if ("BarcodeDetector" in window) {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return Promise.resolve(function () {
        return detector.detect(video).then(function (found) {
          var hit = found.map(function (c) { return c.rawValue; }).find(function (v) { return BADGE.test(v); });
          return hit || null;
        }).catch(function () { return null; });
      });
    }
    return loadJsQR().then(function (jsQR) {
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function () {
        var width = video.videoWidth, height = video.videoHeight;
        if (!width || !height) return Promise.resolve(null);
        canvas.width = width;
        canvas.height = height;
        context.drawImage(video, 0, 0, width, height);
        var frame = context.getImageData(0, 0, width, height);
        var code = jsQR(frame.data, width, height, { inversionAttempts: "dontInvert" });
        return Promise.resolve(code && BADGE.test(code.data) ? code.data : null);
      };
    });
  }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = "Scan with camera";
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "hint";
  var video = document.createElement("video");
  video.hidden = true;
  video.muted = true;
  video.setAttribute("playsinline", "");
  video.setAttribute("aria-label", "Camera preview for scanning a badge");
  video.className = "scanner";
  form.append(button, status, video);

  button.addEventListener("click", async function () {
    var stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (err) {
      button.textContent = "Camera not available: type the code";
      button.disabled = true;
      return;
    }
    var read;
    try {
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      read = await makeReader(video);
    } catch (err) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      video.hidden = true;
      button.textContent = "Camera not available: type the code";
      button.disabled = true;
      return;
    }
    button.hidden = true;
    status.textContent = "Point the camera at the QR code on the badge.";
    async function tick() {
      var code = await read();
      if (code) {
        stream.getTracks().forEach(function (t) { t.stop(); });
        input.value = code.toUpperCase();
        if (how) how.value = "scan";
        status.textContent = "Read " + input.value + ".";
        form.requestSubmit();
        return;
      }
      setTimeout(tick, 120);  // about 8 frames a second: enough for a badge held still
    }
    tick();
  });
})();
