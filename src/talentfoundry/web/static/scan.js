// Check-in desk: scan a badge's QR code with the device's camera where the browser offers
// BarcodeDetector (Chrome on Android, ChromeOS, macOS). Elsewhere nothing changes: a USB or
// Bluetooth scanner "types" the code into the focused field, or the desk types it by hand.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var input = form.querySelector("#badge_code");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = "Scan with camera";
  var video = document.createElement("video");
  video.hidden = true;
  video.muted = true;
  video.setAttribute("playsinline", "");
  video.setAttribute("aria-label", "Camera preview for scanning a badge");
  video.className = "scanner";
  form.append(button, video);
  button.addEventListener("click", async function () {
    var stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (err) {
      button.textContent = "Camera not available: type the code";
      button.disabled = true;
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    async function tick() {
      var found = await detector.detect(video).catch(function () { return []; });
      var code = found.map(function (c) { return c.rawValue; })
        .find(function (v) { return /^TF-[A-Z0-9]{4,}$/i.test(v); });
      if (code) {
        stream.getTracks().forEach(function (t) { t.stop(); });
        input.value = code;
        form.requestSubmit();
        return;
      }
      requestAnimationFrame(tick);
    }
    tick();
  });
})();
