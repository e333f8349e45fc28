// The command center's audible alert: two short tones when a new alert appears on the board.
// Muting is remembered per browser. Browsers allow sound only after the page has been clicked once,
// which the mute button (or any click) does.
window.receptionAlerts = {
  played: 0,
  key: "reception.alerts.muted",
  muted() {
    return localStorage.getItem(this.key) === "1";
  },
  setMuted(muted) {
    localStorage.setItem(this.key, muted ? "1" : "0");
    if (!muted) {
      this.context().resume();
    }
    return muted;
  },
  context() {
    this.audio ??= new AudioContext();
    return this.audio;
  },
  sound() {
    if (this.muted()) {
      return false;
    }
    const ctx = this.context();
    ctx.resume();
    [0, 0.3].forEach((offset) => {
      const tone = ctx.createOscillator();
      const gain = ctx.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.3, ctx.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + offset + 0.25);
      tone.connect(gain).connect(ctx.destination);
      tone.start(ctx.currentTime + offset);
      tone.stop(ctx.currentTime + offset + 0.25);
    });
    this.played++;
    return true;
  },
};
