using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Instances;

/// <summary>
/// Two processes of the app on one PostgreSQL database, every background job switched on in both, writing their e-mails
/// into one pickup folder; started once for the tests of a class (each start costs seconds). Before they start, a few
/// invitations are made due for a reminder, so that both processes' reminder jobs race for them at start-up.
/// </summary>
public sealed partial class TwoProcesses : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string[]> _recipientsOfFile = new();
    private string? _folder;

    public AppProcess First { get; private set; } = null!;

    public AppProcess Second { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string MailFolder { get; private set; } = "";

    /// <summary>People whose invitation was due for its 7-day reminder when both processes started.</summary>
    public IReadOnlyList<string> DueForReminder { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (!PostgreSqlTestServer.IsConfigured)
        {
            return;
        }

        _folder = Directory.CreateTempSubdirectory("rm-processes-").FullName;
        MailFolder = Path.Combine(_folder, "mail");
        ConnectionString = PostgreSqlTestServer.CreateDatabase();
        var now = DateTime.UtcNow;
        DueForReminder = Enumerable.Range(0, 5).Select(i => $"reminded-{i}-{Guid.NewGuid():N}@example.com").ToList();
        await using (var db = Database())
        {
            db.Invitations.AddRange(DueForReminder.Select(email => new Invitation
            {
                Email = email, Role = Roles.Mentee, InvitedAtUtc = now.AddDays(-8), ExpiresAtUtc = now.AddDays(22),
            }));
            await db.SaveChangesAsync();
        }

        First = new AppProcess("first", _folder, ConnectionString, MailFolder);
        Second = new AppProcess("second", _folder, ConnectionString, MailFolder);
        await Task.WhenAll(First.StartAsync(), Second.StartAsync());
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        await First.DisposeAsync();
        await Second.DisposeAsync();
        PostgreSqlTestServer.DropDatabase(ConnectionString);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    public PostgreSqlAppDbContext Database() =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>How many e-mails the two processes have written to <paramref name="email"/> so far.</summary>
    public int MailsTo(string email)
    {
        if (!Directory.Exists(MailFolder))
        {
            return 0;
        }

        var count = 0;
        foreach (var path in Directory.GetFiles(MailFolder, "*.eml"))
        {
            if (!_recipientsOfFile.TryGetValue(path, out var recipients))
            {
                try
                {
                    recipients = MimeMessage.Load(path).To.Mailboxes.Select(a => a.Address).ToArray();
                }
                catch (Exception unreadable) when (unreadable is IOException or FormatException)
                {
                    // Still being written: counted once it can be read.
                    continue;
                }

                if (recipients.Length == 0)
                {
                    continue;
                }

                _recipientsOfFile[path] = recipients;
            }

            count += recipients.Count(a => string.Equals(a, email, StringComparison.OrdinalIgnoreCase));
        }

        return count;
    }

    /// <summary>Signs in as the first coordinator on <paramref name="process"/>; the cookie then goes to both.</summary>
    public static async Task SignInAsync(HttpClient process)
    {
        var response = await process.PostFormAsync("/Account/SignIn", new()
        {
            ["Data.Email"] = AppProcess.CoordinatorEmail,
            ["Data.Password"] = AppProcess.CoordinatorPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The anti-forgery token of a form page, as a browser would send it back.</summary>
    public static async Task<string> TokenAsync(HttpClient process, string url)
    {
        var token = TokenPattern().Match(await process.GetHtmlAsync(url));
        Assert.True(token.Success, $"No anti-forgery token on {url}.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Waits for something the processes do in the background; generous, as the machine may be busy.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string>? output = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"Not within 90 seconds: {what}\n{output?.Invoke()}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
