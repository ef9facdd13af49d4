namespace ReverseMentoring.Tests;

/// <summary>
/// A clock the test sets. It starts on a whole microsecond, the finest time PostgreSQL stores, so a time the app saved
/// from it reads back equal to the clock on every provider; a time the test sets is kept as it is.
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now.AddTicks(-(now.Ticks % 10));

    public override DateTimeOffset GetUtcNow() => Now;
}
