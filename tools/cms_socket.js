// Preloaded into decap-server by tools/cms.py (`node --require`): whatever
// address decap-server asks for, it listens on the Unix socket LLV_CMS_SOCKET,
// in a folder only this user can open, so that only tools/cms.py reaches it.
const net = require("net");
const socket = process.env.LLV_CMS_SOCKET;
if (!socket) throw new Error("LLV_CMS_SOCKET is not set");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const callback = args.find((arg) => typeof arg === "function");
  return listen.call(this, socket, callback);
};
