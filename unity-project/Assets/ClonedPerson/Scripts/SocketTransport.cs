using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Puerts;

namespace ClonedPerson
{
    /// <summary>
    /// The session's WebSocket: System.Net.WebSockets.ClientWebSocket with one queue each way. A
    /// background task receives whole messages into a queue that the TypeScript drains every frame
    /// (NextText); another sends queued messages in order. Only the queues are shared with the main
    /// thread. (PuerTS's built-in WebSocket delivers at most one message per Tick through a 16 KiB
    /// buffer, too slow for image frames.) The orchestrator sends only text; binary messages from it
    /// are dropped.
    /// </summary>
    public sealed class SocketTransport : IDisposable
    {
        public const int Connecting = 0;
        public const int Open = 1;
        public const int Closed = 2;

        struct Outgoing
        {
            public byte[] Bytes;
            public WebSocketMessageType Type;
            public bool Close;
            public int CloseCode;
            public string CloseReason;
        }

        readonly ClientWebSocket socket = new ClientWebSocket();
        readonly ConcurrentQueue<string> incoming = new ConcurrentQueue<string>();
        readonly ConcurrentQueue<Outgoing> outgoing = new ConcurrentQueue<Outgoing>();
        readonly SemaphoreSlim queued = new SemaphoreSlim(0);
        readonly CancellationTokenSource stop = new CancellationTokenSource();
        volatile int state = Connecting;
        volatile int closeCode;
        volatile string closeReason = "";
        volatile string failure;

        /// <summary>Connecting, Open or Closed.</summary>
        public int State { get { return state; } }
        /// <summary>The close code (1000 clean, 1006 when the connection broke), valid once Closed.</summary>
        public int CloseCode { get { return closeCode; } }
        public string CloseReason { get { return closeReason; } }
        /// <summary>Why the connection failed, or null.</summary>
        public string Failure { get { return failure; } }

        /// <summary>Starts connecting to `url` (ws://127.0.0.1:PORT/) in the background.</summary>
        public SocketTransport(string url)
        {
            var uri = new Uri(url);
            Task.Run(() => Run(uri));
        }

        /// <summary>The next received text message, or null when none is waiting.</summary>
        public string NextText()
        {
            string text;
            return incoming.TryDequeue(out text) ? text : null;
        }

        public void SendText(string text)
        {
            Enqueue(new Outgoing { Bytes = Encoding.UTF8.GetBytes(text), Type = WebSocketMessageType.Text });
        }

        public void SendBinary(ArrayBuffer bytes)
        {
            Enqueue(new Outgoing { Bytes = Bytes.Exact(bytes), Type = WebSocketMessageType.Binary });
        }

        /// <summary>Closes after everything queued before has been sent.</summary>
        public void Close(int code, string reason)
        {
            Enqueue(new Outgoing { Close = true, CloseCode = code, CloseReason = reason ?? "" });
        }

        void Enqueue(Outgoing message)
        {
            if (state == Closed) return;
            outgoing.Enqueue(message);
            queued.Release();
        }

        async Task Run(Uri uri)
        {
            try
            {
                await socket.ConnectAsync(uri, stop.Token).ConfigureAwait(false);
                state = Open;
                Task sending = SendLoop();
                await ReceiveLoop().ConfigureAwait(false);
                await sending.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (failure == null) failure = e.Message;
                if (closeCode == 0) closeCode = 1006;
            }
            finally
            {
                state = Closed;
                stop.Cancel();
            }
        }

        async Task ReceiveLoop()
        {
            var buffer = new byte[64 * 1024];
            var message = new MemoryStream();
            while (true)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    closeCode = result.CloseStatus.HasValue ? (int)result.CloseStatus.Value : 1005;
                    closeReason = result.CloseStatusDescription ?? "";
                    // Answer the close from the send loop (one sender at a time), then stop it.
                    Enqueue(new Outgoing { Close = true, CloseCode = 1000, CloseReason = "" });
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    incoming.Enqueue(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                }
                message.SetLength(0);
            }
        }

        async Task SendLoop()
        {
            while (true)
            {
                await queued.WaitAsync(stop.Token).ConfigureAwait(false);
                Outgoing item;
                if (!outgoing.TryDequeue(out item)) continue;
                if (item.Close)
                {
                    if (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync((WebSocketCloseStatus)item.CloseCode, item.CloseReason, CancellationToken.None).ConfigureAwait(false);
                    }
                    return;
                }
                await socket.SendAsync(new ArraySegment<byte>(item.Bytes), item.Type, true, stop.Token).ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            socket.Dispose();
        }
    }
}
