using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Disputes.EndToEnd;

/// <summary>
/// A TCP proxy on a free loopback port that holds every chunk back for a set time in each direction, as a slow mobile
/// link does: the browser talks to it instead of the app. Latency only, not bandwidth: chunks are read as soon as they
/// arrive and written, in order, once their delay is up. WebSockets pass through like any other bytes. The signal can be
/// cut and restored (<see cref="Cut"/>), as in a factory yard.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly TimeSpan _delay;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly HashSet<Socket> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    private LatencyProxy(IPEndPoint target, TimeSpan delay)
    {
        _target = target;
        _delay = delay;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Where the browser should go instead of the app.</summary>
    public Uri BaseAddress { get; }

    /// <param name="target">The app's address (loopback, http).</param>
    /// <param name="eachWay">The delay per direction: 100 ms unless told.</param>
    public static LatencyProxy Start(Uri target, TimeSpan? eachWay = null) =>
        new(new IPEndPoint(IPAddress.Parse(target.Host), target.Port), eachWay ?? TimeSpan.FromMilliseconds(100));

    /// <summary>No signal: every open connection drops at once (the WebSocket too) and new ones are refused until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Close();
            }
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                client.Close();
                continue;
            }

            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ConnectAsync(client));
            }
        }
    }

    private async Task ConnectAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            client.NoDelay = server.NoDelay = true;
            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }

            try
            {
                if (_cut)
                {
                    // Cut between the accept and here.
                    return;
                }

                await server.ConnectAsync(_target, _stop.Token);
                await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The browser or the app hung up, the signal was cut, or the proxy is stopping: both sockets close here.
            }
            finally
            {
                lock (_open)
                {
                    _open.Remove(client);
                    _open.Remove(server);
                }
            }
        }
    }

    /// <summary>
    /// One direction: a reader that stamps each chunk with the time it arrived, and a writer that sends it once its delay
    /// is up. Anything going wrong (a reset, the proxy stopping) closes both sockets, which ends the other direction too.
    /// </summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        var queue = Channel.CreateUnbounded<(long ReadAt, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        void Abort()
        {
            queue.Writer.TryComplete();
            from.Close();
            to.Close();
        }

        async Task ReadAsync()
        {
            try
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                {
                    queue.Writer.TryWrite((Stopwatch.GetTimestamp(), buffer[..read]));
                }

                queue.Writer.TryComplete();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                Abort();
            }
        }

        async Task WriteAsync()
        {
            try
            {
                await foreach (var (readAt, bytes) in queue.Reader.ReadAllAsync(_stop.Token))
                {
                    var wait = _delay - Stopwatch.GetElapsedTime(readAt);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _stop.Token);
                    }

                    await to.SendAsync(bytes, SocketFlags.None, _stop.Token);
                }

                // The sender is done: pass its half-close on, while the other direction may still be talking.
                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                Abort();
            }
        }

        await Task.WhenAll(ReadAsync(), WriteAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
