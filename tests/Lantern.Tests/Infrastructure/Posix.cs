using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Lantern.Tests.Infrastructure;

/// <summary>What the tests need from the OS: signals (Process.Kill only sends SIGKILL) and free loopback ports.</summary>
public static partial class Posix
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static readonly HashSet<int> GivenPorts = [];

    /// <summary>
    /// A loopback port free now and not handed out before in this run: the kernel may offer a port again as soon as its
    /// probe closes, and a node slow to bind it (run.sh starts PostgreSQL first) could then find another test's node there.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (GivenPorts)
            {
                if (GivenPorts.Add(port))
                {
                    return port;
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
