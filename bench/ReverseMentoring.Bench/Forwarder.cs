using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReverseMentoring.Bench;

/// <summary>
/// A round-robin TCP forwarder on loopback, the load balancer of bench/load-two.sh: each accepted connection goes to
/// the next target port and its bytes are copied both ways untouched, so TLS passes through to the app. Runs until
/// killed; prints how many connections each target got when it stops (SIGTERM).
/// </summary>
public static class Forwarder
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: forward LISTEN_PORT TARGET_PORT...");
            return 2;
        }

        var targets = args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var counts = new long[targets.Length];
        using var stop = new CancellationTokenSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var listener = new TcpListener(IPAddress.Loopback, int.Parse(args[0], CultureInfo.InvariantCulture));
        listener.Start(512);
        Console.WriteLine($"Forwarding 127.0.0.1:{args[0]} to {string.Join(", ", targets.Select(t => $"127.0.0.1:{t}"))}, one connection each in turn");
        long next = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                var index = (int)(next++ % targets.Length);
                Interlocked.Increment(ref counts[index]);
                _ = PipeAsync(client, targets[index], stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        listener.Stop();
        Console.WriteLine("Connections per target: " + string.Join(", ", targets.Select((t, i) => $"{t}: {counts[i]}")));
        return 0;
    }

    private static async Task PipeAsync(TcpClient client, int port, CancellationToken cancellationToken)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                target.NoDelay = true;
                await target.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                var inbound = client.GetStream();
                var outbound = target.GetStream();
                // When either side closes, the other is closed too.
                await Task.WhenAny(CopyAsync(inbound, outbound, target.Client, cancellationToken), CopyAsync(outbound, inbound, client.Client, cancellationToken));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, Socket toSocket, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, 64 * 1024, cancellationToken);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
