// GovTel video meeting page: one RTCPeerConnection to the media node (BUNDLE, Opus + VP8), signalling
// over the WebSocket /meet/signal (messages in docs/video.md). No framework, nothing from outside.
'use strict';

const TEXT = {
  zh: {
    kick: '移出会议',
    voiceActivated: '语音激励', muteAll: '全体静音', unmuteAll: '取消全体静音', muteVenue: '静音', unmuteVenue: '取消静音', muted: '已静音', share: '共享屏幕', stopShare: '停止共享',
    room: '会议号', name: '名称', venue: '会场', chairPin: '主持人密码（主会场填写）', camera: '摄像头',
    microphone: '麦克风', join: '加入会议', notJoined: '未加入', connecting: '正在连接…', joined: '已加入',
    mute: '静音', unmute: '取消静音', cameraOff: '关闭摄像头', cameraOn: '打开摄像头', leave: '离开会议',
    chairControls: '主持控制', rotateEvery: '轮巡间隔（秒）', rotate: '开始轮巡', stopRotation: '停止轮巡',
    lock: '锁定会议', unlock: '解锁会议', end: '结束会议', roster: '参会会场', callOn: '点名',
    mainVenue: '主会场', broadcasting: '正在广播', offline: '连接中', left: '已离开会议', rotating: '轮巡中',
    none: '（无）', talking: '正在发言', noMedia: '无法打开摄像头或麦克风：'
  },
  kk: {
    kick: 'ماجىلىستەن شىعارۋ',
    voiceActivated: 'داۋىسپەن اۋىستىرۋ', muteAll: 'بارلىعىن ٴۇنسىز ەتۋ', unmuteAll: 'بارلىعىنىڭ دىبىسىن قوسۋ', muteVenue: 'ٴۇنسىز ەتۋ', unmuteVenue: 'دىبىسىن قوسۋ', muted: 'ٴۇنسىز', share: 'ەكراندى ورتاقتاسۋ', stopShare: 'ورتاقتاسۋدى توقتاتۋ',
    room: 'ماجىلىس ٴنومىرى', name: 'اتاۋى', venue: 'ماجىلىس ورنى', chairPin: 'جۇرگىزۋشى PIN كودى (باس ورىن)',
    camera: 'كامەرا', microphone: 'مىكروفون', join: 'ماجىلىسكە كىرۋ', notJoined: 'كىرمەگەن',
    connecting: 'جالعانۋدا…', joined: 'كىردى', mute: 'دىبىستى ٴوشىرۋ', unmute: 'دىبىستى قوسۋ',
    cameraOff: 'كامەرانى ٴوشىرۋ', cameraOn: 'كامەرانى قوسۋ', leave: 'شىعۋ', chairControls: 'جۇرگىزۋشى باسقارۋى',
    rotateEvery: 'كەزەكپەن كورسەتۋ ارالىعى (سەكۋند)', rotate: 'كەزەكپەن كورسەتۋ', stopRotation: 'توقتاتۋ',
    lock: 'قۇلىپتاۋ', unlock: 'قۇلپىن اشۋ', end: 'ماجىلىستى اياقتاۋ', roster: 'ماجىلىس ورىندارى',
    callOn: 'ٴسوز بەرۋ', mainVenue: 'باس ورىن', broadcasting: 'تاراتىلۋدا', offline: 'جالعانۋدا',
    left: 'ماجىلىستەن شىقتىڭىز', rotating: 'كەزەكپەن', none: '(جوق)', talking: 'سويلەپ تۇر', noMedia: 'كامەرا نەمەسە مىكروفون اشىلمادى: '
  },
  ug: {
    kick: 'يىغىندىن چىقىرىۋېتىش',
    voiceActivated: 'ئاۋاز بىلەن ئالماشتۇرۇش', muteAll: 'ھەممىنى ئۈنسىز قىلىش', unmuteAll: 'ھەممىنىڭ ئاۋازىنى ئېچىش', muteVenue: 'ئۈنسىز قىلىش', unmuteVenue: 'ئاۋازىنى ئېچىش', muted: 'ئۈنسىز', share: 'ئېكراننى ئورتاقلىشىش', stopShare: 'ئورتاقلىشىشنى توختىتىش',
    room: 'يىغىن نومۇرى', name: 'نامى', venue: 'يىغىن مەيدانى', chairPin: 'رىياسەتچى PIN (ئاساسىي مەيدان)',
    camera: 'كامېرا', microphone: 'مىكروفون', join: 'يىغىنغا قاتنىشىش', notJoined: 'قاتناشمىدى',
    connecting: 'ئۇلىنىۋاتىدۇ…', joined: 'قاتناشتى', mute: 'ئاۋازنى ئۆچۈرۈش', unmute: 'ئاۋازنى ئېچىش',
    cameraOff: 'كامېرانى ئۆچۈرۈش', cameraOn: 'كامېرانى ئېچىش', leave: 'چېكىنىش', chairControls: 'رىياسەتچى باشقۇرۇشى',
    rotateEvery: 'نۆۋەتلەش ئارىلىقى (سېكۇنت)', rotate: 'نۆۋەتلەپ كۆرسىتىش', stopRotation: 'توختىتىش',
    lock: 'قۇلۇپلاش', unlock: 'قۇلۇپنى ئېچىش', end: 'يىغىننى ئاخىرلاشتۇرۇش', roster: 'يىغىن مەيدانلىرى',
    callOn: 'سۆز بېرىش', mainVenue: 'ئاساسىي مەيدان', broadcasting: 'تارقىتىلىۋاتىدۇ', offline: 'ئۇلىنىۋاتىدۇ',
    left: 'يىغىندىن چېكىندىڭىز', rotating: 'نۆۋەتلەۋاتىدۇ', none: '(يوق)', talking: 'سۆزلەۋاتىدۇ', noMedia: 'كامېرا ياكى مىكروفون ئېچىلمىدى: '
  },
  en: {
    kick: 'Remove',
    voiceActivated: 'Voice-activated', muteAll: 'Mute all', unmuteAll: 'Unmute all', muteVenue: 'Mute', unmuteVenue: 'Unmute', muted: 'muted', share: 'Share screen', stopShare: 'Stop sharing',
    room: 'Meeting number', name: 'Name', venue: 'Venue', chairPin: 'Chair PIN (main venue only)', camera: 'Camera',
    microphone: 'Microphone', join: 'Join meeting', notJoined: 'Not joined', connecting: 'Connecting…',
    joined: 'Joined', mute: 'Mute', unmute: 'Unmute', cameraOff: 'Camera off', cameraOn: 'Camera on',
    leave: 'Leave', chairControls: 'Chair controls', rotateEvery: 'Rotate every (seconds)', rotate: 'Rotate',
    stopRotation: 'Stop rotation', lock: 'Lock meeting', unlock: 'Unlock meeting', end: 'End meeting',
    roster: 'Venues', callOn: 'Call on', mainVenue: 'Main venue', broadcasting: 'Broadcast', offline: 'Connecting',
    left: 'You left the meeting', rotating: 'Rotating', none: '(none)', talking: 'Talking', noMedia: 'Cannot open camera or microphone: '
  }
};
const RTL = new Set(['ug', 'kk']);

const params = new URLSearchParams(location.search);
const pathNumber = (location.pathname.match(/\/meet\/(\d+)$/) || [])[1] || '';
const $ = (id) => document.getElementById(id);

let lang = params.get('lang') || localStorage.getItem('govtel.lang') || pickLanguage();
let pc = null;
let ws = null;
let localStream = null;
let myId = null;
let amChair = false;
let roster = null;
let thumbnailTransceivers = [];
let videoSender = null;
/** Our ICE candidates found before the answer came; a Kurento media node needs them (ICE-lite here does not). */
let pendingCandidates = [];
/** Thumbnails of sub-venues the main venue's page shows. */
const THUMBNAILS = 6;
const SIMULCAST = [
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 400000 },
  { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 900000 }
];

function pickLanguage() {
  const l = (navigator.language || 'zh').slice(0, 2);
  return TEXT[l] ? l : 'zh';
}

function t(key) {
  return (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
  $('language').value = lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  renderRoster();
}

async function listDevices() {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    for (const [select, kind] of [[$('camera'), 'videoinput'], [$('microphone'), 'audioinput']]) {
      select.replaceChildren();
      devices.filter((d) => d.kind === kind).forEach((d, i) => {
        select.append(new Option(d.label || `${kind} ${i + 1}`, d.deviceId));
      });
    }
  } catch (e) {
    // Device names need a permission first; the defaults still work.
  }
}

function setStatus(key, extra) {
  $('status').textContent = t(key) + (extra ? ' ' + extra : '');
}

function showError(message) {
  $('error').textContent = message;
}

async function join() {
  showError('');
  const number = $('room').value.trim();
  const name = $('name').value.trim();
  if (!/^\d+$/.test(number) || !name) {
    showError(!name ? t('name') + ' ?' : t('room') + ' ?');
    return;
  }
  setStatus('connecting');
  $('join').disabled = true;
  try {
    const camera = $('camera').value;
    const microphone = $('microphone').value;
    localStream = await navigator.mediaDevices.getUserMedia({
      audio: microphone ? { deviceId: { exact: microphone } } : true,
      video: camera ? { deviceId: { exact: camera }, width: 640, height: 360 } : { width: 640, height: 360 }
    });
  } catch (e) {
    showError(t('noMedia') + e.message);
    $('join').disabled = false;
    setStatus('notJoined');
    return;
  }
  $('self-video').srcObject = localStream;
  pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  const audioTrack = localStream.getAudioTracks()[0];
  const videoTrack = localStream.getVideoTracks()[0];
  pc.addTransceiver(audioTrack || 'audio', { direction: 'sendrecv', streams: [localStream] });
  // Three simulcast layers, lowest first: the media node forwards the large one to whoever
  // watches this venue and the small one to the main venue's grid (RFC 8853).
  const mainTransceiver = pc.addTransceiver(videoTrack || 'video', {
    direction: 'sendrecv', streams: [localStream], sendEncodings: videoTrack ? SIMULCAST : undefined
  });
  videoSender = mainTransceiver.sender;
  preferCodec(mainTransceiver, params.get('codec'));
  const chairPin = $('chair').value;
  thumbnailTransceivers = [];
  if (chairPin) {
    for (let i = 0; i < THUMBNAILS; i++) {
      thumbnailTransceivers.push(pc.addTransceiver('video', { direction: 'recvonly' }));
    }
  }
  buildGrid(thumbnailTransceivers.length);
  pc.ontrack = (event) => {
    if (event.track.kind === 'audio') {
      $('meeting-audio').srcObject = new MediaStream([event.track]);
    } else if (event.transceiver === mainTransceiver) {
      $('main-video').srcObject = new MediaStream([event.track]);
    } else {
      const slot = thumbnailTransceivers.indexOf(event.transceiver);
      if (slot >= 0) {
        document.querySelector(`#grid [data-slot="${slot}"] video`).srcObject = new MediaStream([event.track]);
      }
    }
  };
  pendingCandidates = [];
  pc.onicecandidate = (event) => {
    if (!event.candidate || !event.candidate.candidate) { return; }
    const c = { type: 'candidate', candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid,
      sdpMLineIndex: event.candidate.sdpMLineIndex };
    if (myId) { signal(c); } else { pendingCandidates.push(c); }
  };
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);

  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/meet/signal');
  ws = socket;
  socket.onopen = () => socket.send(JSON.stringify({
    type: 'join', room: number, name, venue: $('venue').value.trim() || name,
    chair: $('chair').value, sdp: pc.localDescription.sdp
  }));
  socket.onmessage = (event) => onSignal(JSON.parse(event.data));
  // Closed by the other side or the network (not by hangUp, which lets go of it first).
  socket.onclose = () => { if (ws === socket) { hangUp(myId ? t('left') : null, true); } };
  pc.onconnectionstatechange = () => {
    if (!pc) { return; }
    if (pc.connectionState === 'connected') {
      setStatus('joined');
    } else if (pc.connectionState === 'failed') {
      signal({ type: 'leave' });
      hangUp(t('left'), true);
    }
  };
}

async function onSignal(message) {
  switch (message.type) {
    case 'answer':
      myId = message.id;
      amChair = message.chair;
      $('room-title').textContent = message.roomName + ' · ' + message.room;
      $('join-form').hidden = true;
      $('meeting').hidden = false;
      $('chair-controls').hidden = !amChair;
      await pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
      pendingCandidates.forEach(signal);
      pendingCandidates = [];
      await fitAnswer(message.sdp);
      // What this venue decodes, so the chair and the operators see a kiosk that shows nothing.
      statsTimer = setInterval(async () => {
        const video = await window.govtelMeet.videoStats();
        const sending = await window.govtelMeet.sendStats();
        if (video) {
          signal({ type: 'stats', framesDecoded: video.framesDecoded, frameWidth: video.frameWidth,
            availableOutgoingBitrate: sending.availableOutgoingBitrate, qualityLimitation: sending.qualityLimitation,
            nackCount: video.nackCount, retransmittedPacketsReceived: video.retransmittedPacketsReceived });
        }
      }, 2000);
      break;
    case 'roster':
      roster = message;
      renderRoster();
      break;
    case 'left':
      hangUp(t('left') + (message.reason ? ' (' + message.reason + ')' : ''),
        message.reason !== 'ended' && message.reason !== 'kicked');
      break;
    case 'error':
      showError(message.field + ': ' + message.reason);
      if (!myId) {
        hangUp(null, message.field !== 'chair' && message.field !== 'name');
        $('join').disabled = false;
      }
      break;
    default:
      break;
  }
}

/**
 * {@code &codec=h264} (or vp8) puts that codec first in the offer: the media node answers in the
 * browser's order, so the camera is sent in it; the page still receives either.
 */
function preferCodec(transceiver, codec) {
  if (!codec || !transceiver.setCodecPreferences || !RTCRtpReceiver.getCapabilities) { return; }
  const wanted = 'video/' + codec.toLowerCase();
  const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
  const first = codecs.filter((c) => c.mimeType.toLowerCase() === wanted
    && (wanted !== 'video/h264' || /packetization-mode=1/.test(c.sdpFmtpLine || '')));
  if (first.length) {
    transceiver.setCodecPreferences(first.concat(codecs.filter((c) => !first.includes(c))));
  }
}

/**
 * A media node without simulcast (Kurento) takes only the first layer, the smallest: send that one
 * at full size instead. One without the grid's extra video lines rejects them: no grid then.
 */
async function fitAnswer(sdp) {
  if (videoSender && !/^a=simulcast:/m.test(sdp)) {
    const parameters = videoSender.getParameters();
    if (parameters.encodings && parameters.encodings.length === 1) {
      const top = SIMULCAST[SIMULCAST.length - 1];
      parameters.encodings[0].scaleResolutionDownBy = top.scaleResolutionDownBy;
      parameters.encodings[0].maxBitrate = top.maxBitrate;
      await videoSender.setParameters(parameters).catch(() => {});
    }
  }
  if (thumbnailTransceivers.some((t) => t.currentDirection === 'inactive' || t.stopped)) {
    buildGrid(0);
  }
}

function buildGrid(count) {
  const grid = $('grid');
  grid.replaceChildren();
  grid.hidden = count === 0;
  for (let slot = 0; slot < count; slot++) {
    const tile = document.createElement('figure');
    tile.dataset.slot = slot;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true;
    const caption = document.createElement('figcaption');
    tile.append(video, caption);
    tile.onclick = () => { if (tile.dataset.venue) { signal({ type: 'callOn', venue: tile.dataset.venue }); } };
    grid.append(tile);
  }
}

function renderGrid() {
  document.querySelectorAll('#grid figure').forEach((tile) => {
    const venue = roster && roster.venues.find((v) => v.slot === Number(tile.dataset.slot));
    tile.dataset.venue = venue ? venue.id : '';
    tile.hidden = !venue;
    tile.querySelector('figcaption').textContent = venue ? venue.venue : '';
    tile.classList.toggle('broadcast', !!venue && venue.broadcast);
  });
}

function renderRoster() {
  renderGrid();
  const list = $('roster');
  list.replaceChildren();
  if (!roster) {
    return;
  }
  const me = roster.venues.find((v) => v.id === myId);
  const shown = me && roster.venues.find((v) => v.id === me.showing);
  $('main-label').textContent = shown ? shown.venue : t('none');
  $('lock').textContent = roster.locked ? t('unlock') : t('lock');
  $('voice-activated').setAttribute('aria-pressed', String(!!roster.voiceActivated));
  setStatus('joined', roster.rotation ? '· ' + t('rotating') + ' ' + roster.rotation + 's' : '');
  for (const v of roster.venues) {
    const li = document.createElement('li');
    li.dataset.id = v.id;
    li.classList.toggle('broadcast', v.broadcast);
    li.classList.toggle('offline', !v.connected);
    li.classList.toggle('talking', v.talking);
    const label = document.createElement('span');
    label.className = 'venue';
    label.textContent = v.venue + (v.chair ? ' · ' + t('mainVenue') : '') + (v.broadcast ? ' · ' + t('broadcasting') : '')
      + (v.talking ? ' · ' + t('talking') : '') + (v.muted ? ' · ' + t('muted') : '')
      + (v.connected ? '' : ' · ' + t('offline'));
    li.append(label);
    if (amChair) {
      const call = document.createElement('button');
      call.textContent = t('callOn');
      call.className = 'call-on';
      call.onclick = () => signal({ type: 'callOn', venue: v.id });
      const mute = document.createElement('button');
      mute.textContent = v.muted ? t('unmuteVenue') : t('muteVenue');
      mute.className = 'mute-venue';
      mute.onclick = () => signal({ type: 'mute', venue: v.id, muted: !v.muted });
      const kick = document.createElement('button');
      kick.textContent = t('kick');
      kick.className = 'kick';
      kick.hidden = v.chair;
      kick.onclick = () => signal({ type: 'kick', venue: v.id });
      li.append(call, mute, kick);
    }
    list.append(li);
  }
}

let screenTrack = null;

/** Sends the screen (slides) instead of the camera on the same simulcast sender, and back. */
async function toggleScreenShare() {
  const sender = pc && videoSender;
  if (!sender) { return; }
  if (screenTrack) {
    screenTrack.stop();
    screenTrack = null;
    await sender.replaceTrack(localStream ? localStream.getVideoTracks()[0] : null);
    $('share').textContent = t('share');
    return;
  }
  try {
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    screenTrack = display.getVideoTracks()[0];
    screenTrack.onended = () => { if (screenTrack) { toggleScreenShare(); } };
    await sender.replaceTrack(screenTrack);
    $('share').textContent = t('stopShare');
  } catch (e) {
    showError(e.message);
  }
}

function signal(message) {
  if (ws && ws.readyState === WebSocket.OPEN) {
    ws.send(JSON.stringify(message));
  }
}

let rejoinTimer = null;
let statsTimer = null;

/**
 * Leaves the meeting on this side. A kiosk (autojoin=1) that lost its link or was dropped joins
 * again by itself every few seconds, unless the meeting was ended.
 */
function hangUp(reason, rejoin) {
  if (statsTimer) { clearInterval(statsTimer); statsTimer = null; }
  if (pc) { pc.close(); pc = null; }
  if (localStream) { localStream.getTracks().forEach((track) => track.stop()); localStream = null; }
  if (ws) { const w = ws; ws = null; myId = null; w.close(); }
  $('meeting').hidden = true;
  $('join-form').hidden = false;
  $('join').disabled = false;
  setStatus('notJoined');
  if (reason) { showError(reason); }
  if (rejoin && params.get('autojoin') === '1' && !rejoinTimer) {
    rejoinTimer = setTimeout(() => { rejoinTimer = null; if (!pc) { join(); } }, 3000);
  }
}

function init() {
  $('room').value = pathNumber || params.get('room') || '';
  $('name').value = params.get('name') || '';
  $('venue').value = params.get('venue') || '';
  $('chair').value = params.get('chair') || '';
  applyLanguage();
  listDevices();
  $('language').onchange = () => { lang = $('language').value; localStorage.setItem('govtel.lang', lang); applyLanguage(); };
  $('join-form').onsubmit = (e) => { e.preventDefault(); join(); };
  $('mute').onclick = () => {
    const track = localStream && localStream.getAudioTracks()[0];
    if (track) { track.enabled = !track.enabled; $('mute').textContent = track.enabled ? t('mute') : t('unmute'); }
  };
  $('camera-off').onclick = () => {
    const track = localStream && localStream.getVideoTracks()[0];
    if (track) { track.enabled = !track.enabled; $('camera-off').textContent = track.enabled ? t('cameraOff') : t('cameraOn'); }
  };
  $('leave').onclick = () => { signal({ type: 'leave' }); hangUp(t('left')); };
  $('rotate').onclick = () => signal({ type: 'rotate', seconds: Number($('rotate-seconds').value) });
  $('stop-rotation').onclick = () => signal({ type: 'stopRotation' });
  $('voice-activated').onclick = () => signal({ type: 'voiceActivated', enabled: !(roster && roster.voiceActivated) });
  $('mute-all').onclick = () => signal({ type: 'muteAll', muted: true });
  $('unmute-all').onclick = () => signal({ type: 'muteAll', muted: false });
  $('share').onclick = toggleScreenShare;
  $('lock').onclick = () => signal({ type: 'lock', locked: !(roster && roster.locked) });
  $('end').onclick = () => signal({ type: 'end' });
  if (params.get('autojoin') === '1' && $('room').value && $('name').value) {
    join();
  }
}

// For tests and kiosks' health checks: what this page decodes now.
window.govtelMeet = {
  id: () => myId,
  roster: () => roster,
  async videoStats() {
    if (!pc) { return null; }
    const report = await pc.getStats();
    for (const s of report.values()) {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        const codec = s.codecId && report.get(s.codecId);
        return { framesDecoded: s.framesDecoded || 0, ssrc: s.ssrc, bytesReceived: s.bytesReceived,
          frameWidth: s.frameWidth || 0, nackCount: s.nackCount || 0, pliCount: s.pliCount || 0,
          retransmittedPacketsReceived: s.retransmittedPacketsReceived || 0,
          codec: codec ? codec.mimeType : null };
      }
    }
    return null;
  },
  /** Per thumbnail slot: frames decoded and frame width, from the receiver of that slot. */
  async thumbnailStats() {
    const out = [];
    for (const t of thumbnailTransceivers) {
      let stats = null;
      const report = await t.receiver.getStats();
      for (const s of report.values()) {
        if (s.type === 'inbound-rtp') {
          stats = { framesDecoded: s.framesDecoded || 0, frameWidth: s.frameWidth || 0 };
        }
      }
      out.push(stats);
    }
    return out;
  },
  // The average colour of the middle of thumbnail slot n, [r, g, b].
  thumbnailColour(slot) {
    return averageColour(document.querySelector(`#grid [data-slot="${slot}"] video`));
  },
  /** The browser's own send-side estimate and why its camera's quality is limited, if it is. */
  async sendStats() {
    const out = { availableOutgoingBitrate: 0, qualityLimitation: 'none' };
    if (!pc) { return out; }
    const report = await pc.getStats();
    for (const s of report.values()) {
      if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate) {
        out.availableOutgoingBitrate = Math.round(s.availableOutgoingBitrate);
      }
      if (s.type === 'outbound-rtp' && s.kind === 'video' && s.qualityLimitationReason
          && s.qualityLimitationReason !== 'none') {
        out.qualityLimitation = s.qualityLimitationReason;
      }
    }
    return out;
  },
  /** Bytes on the one BUNDLE transport: everything this venue downloads and uploads. */
  async transportStats() {
    if (!pc) { return null; }
    const report = await pc.getStats();
    for (const s of report.values()) {
      if (s.type === 'transport') {
        return { bytesReceived: s.bytesReceived || 0, bytesSent: s.bytesSent || 0, at: performance.now() };
      }
    }
    return null;
  },
  async audioStats() {
    if (!pc) { return null; }
    const report = await pc.getStats();
    for (const s of report.values()) {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        return { totalAudioEnergy: s.totalAudioEnergy || 0, packetsReceived: s.packetsReceived || 0,
          audioLevel: s.audioLevel || 0 };
      }
    }
    return null;
  },
  // The average colour of the middle of the main video, [r, g, b].
  mainColour() {
    return averageColour($('main-video'));
  }
};

function averageColour(video) {
  if (!video || !video.videoWidth) { return null; }
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;
  const g = canvas.getContext('2d');
  g.drawImage(video, video.videoWidth / 4, video.videoHeight / 4, video.videoWidth / 2, video.videoHeight / 2, 0, 0, 32, 32);
  const data = g.getImageData(0, 0, 32, 32).data;
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) { sum[0] += data[i]; sum[1] += data[i + 1]; sum[2] += data[i + 2]; }
  const n = data.length / 4;
  return sum.map((x) => Math.round(x / n));
}

document.addEventListener('DOMContentLoaded', init);
