using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

// Fills a SQLite file with company-scale volume: 100,000 people, 50,000 pairs, 1,000,000 sessions and their feedback.
// Usage: dotnet run -c Release --project bench/ReverseMentoring.DataGenerator -- bench/data/volume.db
if (args.Length < 1)
{
    Console.Error.WriteLine("Usage: ReverseMentoring.DataGenerator <sqlite file> [people] [pairs] [sessions] [feedback]");
    return 2;
}

var path = Path.GetFullPath(args[0]);
var scale = new Scale(
    People: ArgOr(args, 1, 100_000),
    Pairs: ArgOr(args, 2, 50_000),
    Sessions: ArgOr(args, 3, 1_000_000),
    Feedback: ArgOr(args, 4, 2_000_000));

var total = Stopwatch.StartNew();
Directory.CreateDirectory(Path.GetDirectoryName(path)!);
var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options))
{
    db.Database.Migrate();
}

Console.WriteLine($"Migrated {path} in {total.Elapsed.TotalSeconds:F1} s");

using var connection = new SqliteConnection(connectionString);
connection.Open();
Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-200000;");

if (Scalar(connection, "SELECT COUNT(*) FROM Sessions") > 0)
{
    Console.Error.WriteLine("This database already holds sessions: generate into a new file.");
    return 1;
}

var generator = new VolumeGenerator(connection, scale, new Random(20261124), DateTime.UtcNow.Date);
generator.Run();

// Migrating the empty file marked its dashboard day facts as complete (nothing to count yet); the rows written since
// have none, so the app's rebuild-dashboard must build them before the dashboard reads them (ADR 0023).
Execute(connection, "UPDATE DashboardFactsState SET RebuiltAtUtc = NULL;");

Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; ANALYZE;");
Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
connection.Close();
SqliteConnection.ClearAllPools();

Console.WriteLine();
foreach (var table in new[] { "AspNetUsers", "AspNetUserRoles", "Invitations", "Programs", "Enrolments", "EnrolmentSkills", "AvailabilitySlots", "Pairs", "Sessions", "Feedback", "SkillRatings", "CheckIns", "CheckInAnswers" })
{
    using var count = new SqliteConnection(connectionString);
    count.Open();
    Console.WriteLine($"{table,-20} {Scalar(count, $"SELECT COUNT(*) FROM \"{table}\""),12:N0}");
}

Console.WriteLine($"Total time {total.Elapsed.TotalSeconds:F1} s; file {new FileInfo(path).Length / 1024.0 / 1024.0:F0} MB");
Console.WriteLine($"Every generated account signs in with the password {VolumeGenerator.Password}; leader@bench.local (Leadership), hr@bench.local (HR coordinator), p000001@bench.local ... (participants).");
return 0;

static int ArgOr(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static long Scalar(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

internal sealed record Scale(int People, int Pairs, int Sessions, int Feedback);
