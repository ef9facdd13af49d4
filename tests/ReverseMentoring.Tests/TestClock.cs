namespace ReverseMentoring.Tests;

/// <summary>
/// A clock the test sets. It keeps whole microseconds, the finest time PostgreSQL stores, so a time the app saved
/// reads back equal to the clock it came from on every provider.
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = Whole(now);

    public DateTimeOffset Now
    {
        get => _now;
        set => _now = Whole(value);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    private static DateTimeOffset Whole(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));
}
