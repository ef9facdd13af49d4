using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Bench;

/// <summary>
/// Copies a generated SQLite volume into an empty PostgreSQL database: migrates it with the app's PostgreSQL
/// migrations, then every table's rows with binary COPY, each value converted to the type of its PostgreSQL column
/// (SQLite keeps times, dates and Guids as text), and moves each identity past the highest id copied. Foreign keys are
/// not checked while copying (session_replication_role = replica), since the rows come from a database that held them.
/// </summary>
public static class CopyToPostgreSql
{
    public static async Task<int> RunAsync(string sqlitePath, string connectionString)
    {
        var total = Stopwatch.StartNew();
        await using (var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(connectionString).Options))
        {
            await db.Database.MigrateAsync();
        }

        Console.WriteLine($"Migrated in {total.Elapsed.TotalSeconds:F1} s");
        await using var target = new NpgsqlConnection(connectionString);
        await target.OpenAsync();
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await source.OpenAsync();

        if (await ScalarAsync(target, "SELECT COUNT(*) FROM \"Sessions\"") > 0)
        {
            Console.Error.WriteLine("This database already holds sessions: copy into a new one.");
            return 1;
        }

        await ExecuteAsync(target, "SET session_replication_role = replica");
        var tables = await ColumnsAsync(target);
        foreach (var (table, columns) in tables)
        {
            var present = SqliteColumns(source, table);
            var copied = columns.Where(c => present.Contains(c.Name)).ToList();
            if (copied.Count == 0 || ScalarSqlite(source, $"SELECT COUNT(*) FROM \"{table}\"") == 0)
            {
                continue;
            }

            var clock = Stopwatch.StartNew();
            // Seeded rows the migration wrote (roles, starter skills...) come again from the file.
            await ExecuteAsync(target, $"DELETE FROM \"{table}\"");
            using var read = source.CreateCommand();
            read.CommandText = $"SELECT {string.Join(", ", copied.Select(c => $"\"{c.Name}\""))} FROM \"{table}\"";
            using var reader = read.ExecuteReader();
            long rows = 0;
            await using (var writer = await target.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(", ", copied.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)"))
            {
                while (reader.Read())
                {
                    await writer.StartRowAsync();
                    for (var i = 0; i < copied.Count; i++)
                    {
                        var value = reader.GetValue(i);
                        if (value is DBNull)
                        {
                            await writer.WriteNullAsync();
                        }
                        else
                        {
                            await writer.WriteAsync(Convert(value, copied[i].Type), copied[i].DbType);
                        }
                    }

                    rows++;
                }

                await writer.CompleteAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table,-28} {rows,12:N0} rows in {clock.Elapsed.TotalSeconds,6:F1} s"));
        }

        await ExecuteAsync(target, "SET session_replication_role = DEFAULT");
        foreach (var (table, column) in await IdentitiesAsync(target))
        {
            await ExecuteAsync(target, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), GREATEST((SELECT MAX(\"{column}\") FROM \"{table}\"), 1))");
        }

        var analyze = Stopwatch.StartNew();
        await ExecuteAsync(target, "ANALYZE");
        Console.WriteLine($"ANALYZE in {analyze.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"Copied {tables.Count} tables in {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private sealed record Column(string Name, string Type, NpgsqlDbType DbType);

    private static object Convert(object value, string type) => type switch
    {
        "integer" => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
        "smallint" => System.Convert.ToInt16(value, CultureInfo.InvariantCulture),
        "bigint" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "boolean" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        "numeric" => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        "double precision" => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        "real" => System.Convert.ToSingle(value, CultureInfo.InvariantCulture),
        // Every stored time is UTC by rule (ADR 0024): SQLite's text has no zone.
        "timestamp with time zone" => DateTime.SpecifyKind(
            DateTime.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
        "timestamp without time zone" => DateTime.Parse((string)value, CultureInfo.InvariantCulture),
        "date" => DateOnly.Parse((string)value, CultureInfo.InvariantCulture),
        "time without time zone" => TimeOnly.Parse((string)value, CultureInfo.InvariantCulture),
        "interval" => TimeSpan.Parse((string)value, CultureInfo.InvariantCulture),
        "uuid" => value is byte[] bytes ? new Guid(bytes) : Guid.Parse((string)value),
        "bytea" => value is byte[] ? value : System.Text.Encoding.UTF8.GetBytes((string)value),
        _ => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static NpgsqlDbType DbTypeOf(string type) => type switch
    {
        "integer" => NpgsqlDbType.Integer,
        "smallint" => NpgsqlDbType.Smallint,
        "bigint" => NpgsqlDbType.Bigint,
        "boolean" => NpgsqlDbType.Boolean,
        "numeric" => NpgsqlDbType.Numeric,
        "double precision" => NpgsqlDbType.Double,
        "real" => NpgsqlDbType.Real,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "timestamp without time zone" => NpgsqlDbType.Timestamp,
        "date" => NpgsqlDbType.Date,
        "time without time zone" => NpgsqlDbType.Time,
        "interval" => NpgsqlDbType.Interval,
        "uuid" => NpgsqlDbType.Uuid,
        "bytea" => NpgsqlDbType.Bytea,
        "jsonb" => NpgsqlDbType.Jsonb,
        "character varying" => NpgsqlDbType.Varchar,
        "text" => NpgsqlDbType.Text,
        _ => throw new NotSupportedException($"No copy for the PostgreSQL type {type}"),
    };

    private static async Task<List<(string Table, List<Column> Columns)>> ColumnsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = 'public' AND c.table_name <> '__EFMigrationsHistory' AND c.is_generated = 'NEVER'
            ORDER BY c.table_name, c.ordinal_position
            """, connection);
        var columns = new List<(string Table, Column Column)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), new Column(reader.GetString(1), reader.GetString(2), DbTypeOf(reader.GetString(2)))));
            }
        }

        return columns.GroupBy(c => c.Table, StringComparer.Ordinal).Select(g => (g.Key, g.Select(c => c.Column).ToList())).ToList();
    }

    private static async Task<List<(string Table, string Column)>> IdentitiesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            """, connection);
        var found = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }

    private static HashSet<string> SqliteColumns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static long ScalarSqlite(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return System.Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return System.Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
