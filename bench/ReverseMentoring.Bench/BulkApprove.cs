using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;

namespace ReverseMentoring.Bench;

/// <summary>
/// HR's bulk approval of a program's pending enrolments, through the real app (its pipeline, transaction, audit and
/// outbox) on a SQLite file of its own: the time to the commit, the SQL commands inside the transaction, and the
/// time until the request answers (more than 20 e-mails go out in the background after the commit).
/// </summary>
public static class BulkApprove
{
    private static readonly string[] Jobs = ["CheckIns", "SessionReminders", "InvitationReminders", "PairResponseWatch", "OutboxSender"];

    public static async Task RunAsync(int size)
    {
        // The web project's folder (wwwroot, appsettings), found from the bench's output folder upwards.
        var root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "src", "ReverseMentoring.Web")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("Run the bench from inside the repository.");
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_REVERSEMENTORING_WEB", Path.Combine(root, "src", "ReverseMentoring.Web"));
        var folder = Path.Combine(Path.GetTempPath(), "rm-bench-bulk", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var app = new WebApplicationFactory<AppDbContext>().WithWebHostBuilder(host =>
            {
                host.UseEnvironment("Development");
                host.UseSetting("Database:Provider", "Sqlite");
                host.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(folder, "bench.db")}");
                host.UseSetting("Database:MigrateOnStartup", "true");
                host.UseSetting("DemoData:Enabled", "false");
                host.UseSetting("FirstCoordinator:Email", "");
                host.UseSetting("Mail:PickupFolder", Path.Combine(folder, "mail"));
                foreach (var job in Jobs)
                {
                    host.UseSetting($"Jobs:{job}:Enabled", "false");
                }
            });

            var hr = await SeedUserAsync(app.Services, "hr@bench.local", "HR");
            Console.WriteLine($"Bulk approval: {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite");
            Console.WriteLine("| run | enrolments | to commit | SQL commands in the transaction | until the request answers | until every e-mail is sent |");
            Console.WriteLine("|---|---|---|---|---|---|");

            // Warm-up: JIT, EF Core's model and query caches, SQLite's page cache.
            await MeasureAsync(app.Services, hr, "warm-up", 50);
            await MeasureAsync(app.Services, hr, "warm-up", 50);
            for (var run = 1; run <= 3; run++)
            {
                await MeasureAsync(app.Services, hr, $"measured {run}", size);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureAsync(IServiceProvider services, AppUser hr, string label, int size)
    {
        var (programId, ids) = await SeedProgramAsync(services, size);
        var command = new BulkDecideEnrolments.Command { ProgramId = programId, Decision = BulkDecideEnrolments.Decision.Approve, Ids = ids };

        using var counter = new SqlCounter();
        await using var scope = services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, hr.Id), new Claim(ClaimTypes.Name, hr.Email!), new Claim(ClaimTypes.Role, ReverseMentoring.Web.Domain.Roles.HrCoordinator)], "Bench")),
            RequestServices = scope.ServiceProvider,
        };
        var clock = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        counter.Start(clock);
        var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
        clock.Stop();

        // The e-mails go out in the background; the next run starts only once they are all sent.
        while (await Count(services, db => db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && m.FailedAtUtc == null)) > 0)
        {
            if (total.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException("The e-mails were not all sent within 5 minutes.");
            }

            await Task.Delay(50);
        }

        total.Stop();

        var approved = await Count(services, db => db.Enrolments.CountAsync(e => e.ProgramId == programId && e.Status == EnrolmentStatus.Approved));
        if (approved != size || report.NotDone.Count > 0)
        {
            throw new InvalidOperationException($"Approved {approved} of {size}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {size:N0} | {counter.CommittedAt.TotalSeconds:0.000} s | {counter.CommandsBeforeCommit:N0} ({counter.SelectsBeforeCommit} SELECT), {counter.Commits} commit | {clock.Elapsed.TotalSeconds:0.000} s | {total.Elapsed.TotalSeconds:0.000} s |"));
    }

    private static async Task<T> Count<T>(IServiceProvider services, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task<AppUser> SeedUserAsync(IServiceProvider services, string email, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = NewUser(email, name);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    private static AppUser NewUser(string email, string name) => new()
    {
        UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
        DisplayName = name, CreatedAtUtc = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString("N"),
    };

    /// <summary>A program enrolling <paramref name="size"/> new people as pending mentees, written in one save.</summary>
    private static async Task<(int ProgramId, List<int> Ids)> SeedProgramAsync(IServiceProvider services, int size)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var program = new MentoringProgram
        {
            Name = $"Bench {Guid.NewGuid():N}"[..14], Objectives = "Bulk approval.", StartsOn = today.AddDays(30), EndsOn = today.AddDays(210),
            EnrolmentOpensOn = today.AddDays(-7), EnrolmentClosesOn = today.AddDays(14), SessionCadenceDays = 14,
            Formats = SessionFormats.Virtual, Status = ProgramStatus.Enrolling, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Programs.Add(program);
        var enrolments = Enumerable.Range(1, size).Select(i =>
        {
            var user = NewUser($"p{Guid.NewGuid():N}@bench.local", $"Person {i:D4}");
            db.Users.Add(user);
            return new Enrolment
            {
                Program = program, User = user, Role = ParticipantRole.Mentee, Status = EnrolmentStatus.Pending, Department = "Sales", JobLevel = "Director",
                Location = "London", TimeZoneId = "Europe/London", Formats = SessionFormats.Virtual, Goals = "Learn.", ConsentedAtUtc = DateTime.UtcNow, CreatedAtUtc = DateTime.UtcNow,
            };
        }).ToList();
        db.Enrolments.AddRange(enrolments);
        await db.SaveChangesAsync();
        return (program.Id, enrolments.Select(e => e.Id).ToList());
    }

    /// <summary>Counts the SQL commands EF Core runs until the first commit, and when that commit happened.</summary>
    private sealed class SqlCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private Stopwatch? _clock;

        public SqlCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int CommandsBeforeCommit { get; private set; }

        public int SelectsBeforeCommit { get; private set; }

        public int Commits { get; private set; }

        public TimeSpan CommittedAt { get; private set; }

        public void Start(Stopwatch clock) => _clock = clock;

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (_clock is null)
            {
                return;
            }

            if (value.Key.EndsWith("CommandExecuted", StringComparison.Ordinal) && Commits == 0)
            {
                CommandsBeforeCommit++;
                if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData executed
                    && executed.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    SelectsBeforeCommit++;
                }
            }
            else if (value.Key.EndsWith("TransactionCommitted", StringComparison.Ordinal))
            {
                if (Commits++ == 0)
                {
                    CommittedAt = _clock.Elapsed;
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
