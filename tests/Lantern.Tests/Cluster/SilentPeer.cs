using System.Net;
using System.Net.Sockets;

namespace Lantern.Tests.Cluster;

/// <summary>
/// Listens on a port, accepts every connection and never answers, the way a stuck broker or a proxy in front of a dead
/// one does. The connections it accepted stay open after it stops listening, until it is disposed.
/// </summary>
public sealed class SilentPeer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly List<Socket> _held = [];
    private readonly Task _accepting;

    /// <param name="port">The port to listen on; 0 for any free one.</param>
    public SilentPeer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Held
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Frees the port for the real broker; what was accepted stays open and silent.</summary>
    public async Task StopListeningAsync()
    {
        _listener.Stop();
        await _accepting;
    }

    public async ValueTask DisposeAsync()
    {
        await StopListeningAsync();
        lock (_held)
        {
            _held.ForEach(s => s.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_held)
                {
                    _held.Add(socket);
                }
            }
        }
        catch (Exception stopped) when (stopped is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }
}
