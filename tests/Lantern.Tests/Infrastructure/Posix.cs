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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
