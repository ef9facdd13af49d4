using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Mail;

/// <summary>
/// The app on a clock the tests move, with the outbox sender job off (tests deliver when they choose), a switch that
/// makes the next commit fail, and a way to make the mail pickup folder unusable.
/// </summary>
public class OutboxApp : AppFactory
{
    public OutboxApp()
    {
        With("Jobs:OutboxSender:Enabled", "false");
    }

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public CommitFailure Commits { get; } = new();

    public OutboxDelivery Delivery => Services.GetRequiredService<OutboxDelivery>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<SqliteAppDbContext>(db => db.AddInterceptors(Commits));
            services.ConfigureDbContext<PostgreSqlAppDbContext>(db => db.AddInterceptors(Commits));
        });
    }

    public IReadOnlyList<string> MailsMentioning(string text) =>
        !Directory.Exists(MailFolder) ? [] : Directory.GetFiles(MailFolder, "*.eml").Select(File.ReadAllText)
            .Where(m => m.Contains(text, StringComparison.Ordinal)).ToList();

    public Task<OutboxMessage> MessageToAsync(string recipient) =>
        ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == recipient));

    /// <summary>A file where the pickup folder should be, so every send fails, until the result is disposed.</summary>
    public IDisposable BreakMailFolder()
    {
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }

        File.WriteAllText(MailFolder, "not a folder");
        return new Repair(MailFolder);
    }

    private sealed class Repair(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}

/// <summary>Fails every commit while armed: a command whose transaction the database refuses at the last moment.</summary>
public sealed class CommitFailure : DbTransactionInterceptor
{
    public const string Message = "The database refused the commit.";

    public bool Armed { get; set; }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Armed ? throw new InvalidOperationException(Message) : base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
}
