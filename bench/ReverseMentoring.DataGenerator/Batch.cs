using Microsoft.Data.Sqlite;

/// <summary>Prepared INSERT commands sharing one transaction that is committed every <see cref="RowsPerTransaction"/> rows.</summary>
internal sealed class Batch(SqliteConnection connection) : IDisposable
{
    private const int RowsPerTransaction = 100_000;
    private readonly List<Insert> inserts = [];
    private SqliteTransaction transaction = connection.BeginTransaction();
    private long rows;

    public Insert Into(string table, params string[] columns)
    {
        var insert = new Insert(this, connection, table, columns) { Transaction = transaction };
        inserts.Add(insert);
        return insert;
    }

    internal void Tick()
    {
        if (++rows % RowsPerTransaction == 0)
        {
            transaction.Commit();
            transaction.Dispose();
            transaction = connection.BeginTransaction();
            foreach (var insert in inserts)
            {
                insert.Transaction = transaction;
            }
        }
    }

    public void Commit()
    {
        transaction.Commit();
        transaction.Dispose();
        transaction = connection.BeginTransaction();
        foreach (var insert in inserts)
        {
            insert.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        transaction.Commit();
        transaction.Dispose();
        foreach (var insert in inserts)
        {
            insert.Dispose();
        }
    }
}

internal sealed class Insert : IDisposable
{
    private readonly Batch batch;
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public Insert(Batch batch, SqliteConnection connection, string table, string[] columns)
    {
        this.batch = batch;
        command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
    }

    public SqliteTransaction Transaction
    {
        set
        {
            command.Transaction = value;
            command.Prepare();
        }
    }

    public long Count { get; private set; }

    public void Row(params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
        Count++;
        batch.Tick();
    }

    public void Dispose() => command.Dispose();
}
