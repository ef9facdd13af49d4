using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>Local times to UTC and back across the 2027 daylight-saving changes (Europe 28 March and 31 October, US 14 March).</summary>
public sealed class SchedulingTimeTests
{
    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Ten_in_London_is_ten_utc_before_the_clocks_go_forward_and_nine_utc_the_day_after()
    {
        Assert.Equal(Utc(3, 27, 10), SessionTimes.ToUtc(new DateOnly(2027, 3, 27), new TimeOnly(10, 0), "Europe/London").Utc);
        Assert.Equal(Utc(3, 29, 9), SessionTimes.ToUtc(new DateOnly(2027, 3, 29), new TimeOnly(10, 0), "Europe/London").Utc);
    }

    [Fact]
    public void Ten_in_New_York_is_fifteen_utc_before_the_change_and_fourteen_utc_the_day_after()
    {
        Assert.Equal(Utc(3, 13, 15), SessionTimes.ToUtc(new DateOnly(2027, 3, 13), new TimeOnly(10, 0), "America/New_York").Utc);
        Assert.Equal(Utc(3, 15, 14), SessionTimes.ToUtc(new DateOnly(2027, 3, 15), new TimeOnly(10, 0), "America/New_York").Utc);
    }

    [Fact]
    public void A_Tokyo_viewer_sees_a_London_session_after_the_change_at_the_right_local_time()
    {
        var starts = SessionTimes.ToUtc(new DateOnly(2027, 3, 29), new TimeOnly(10, 0), "Europe/London").Utc!.Value;

        Assert.Equal(new DateTime(2027, 3, 29, 18, 0, 0), SessionTimes.ToLocal(starts, "Asia/Tokyo"));
        Assert.Equal("Mon 29 Mar 2027, 18:00–19:00 (Asia/Tokyo)", SessionTimes.Format(starts, starts.AddHours(1), "Asia/Tokyo"));
        Assert.Equal("Mon 29 Mar 2027, 10:00–11:00 (Europe/London)", SessionTimes.Format(starts, starts.AddHours(1), "Europe/London"));
    }

    [Fact]
    public void A_time_in_the_hour_skipped_when_the_clocks_go_forward_is_refused_with_a_reason()
    {
        var conversion = SessionTimes.ToUtc(new DateOnly(2027, 3, 28), new TimeOnly(1, 30), "Europe/London");

        Assert.Null(conversion.Utc);
        Assert.Equal("01:30 does not exist on Sun 28 Mar 2027 in Europe/London: the clocks go forward that night. Choose another time.", conversion.Problem);
    }

    [Fact]
    public void A_time_in_the_hour_repeated_when_the_clocks_go_back_means_its_first_occurrence()
    {
        var conversion = SessionTimes.ToUtc(new DateOnly(2027, 10, 31), new TimeOnly(1, 30), "Europe/London");

        // 01:30 BST (UTC+1), not 01:30 GMT an hour later.
        Assert.Equal(Utc(10, 31, 0, 30), conversion.Utc);
        Assert.Null(conversion.Problem);
    }

    [Fact]
    public void Availability_in_the_skipped_hour_moves_forward_by_the_gap()
    {
        // 01:30 does not exist that night; it is read as 02:30 summer time, 01:30 UTC.
        Assert.Equal(Utc(3, 28, 1, 30), SessionTimes.ToUtcLenient(new DateOnly(2027, 3, 28), new TimeOnly(1, 30), "Europe/London"));
    }

    [Fact]
    public void An_unknown_time_zone_falls_back_to_utc()
    {
        Assert.Equal("Mon 1 Mar 2027, 09:00–10:00 (UTC)", SessionTimes.Format(Utc(3, 1, 9), Utc(3, 1, 10), "Not/AZone"));
    }

    [Fact]
    public void Weekly_availability_follows_each_persons_own_clock_change()
    {
        var monday = new[] { new AvailabilitySlot { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(10, 0) } };

        var london = SchedulingIntervals(SessionRules.Weekly("Europe/London", monday, Utc(3, 20, 0)));

        Assert.Contains(Utc(3, 22, 9), london);
        Assert.Contains(Utc(3, 29, 8), london);
    }

    [Fact]
    public void Suggestions_are_the_shared_free_windows_skipping_booked_time()
    {
        var now = Utc(3, 1, 8);
        var first = new List<SessionRules.Interval> { new(Utc(3, 1, 9), Utc(3, 1, 12)), new(Utc(3, 3, 9), Utc(3, 3, 12)) };
        var second = new List<SessionRules.Interval> { new(Utc(3, 1, 10), Utc(3, 1, 13)), new(Utc(3, 3, 11), Utc(3, 3, 12)) };
        var busy = new List<SessionRules.Interval> { new(Utc(3, 1, 10), Utc(3, 1, 10, 40)) };

        var starts = SessionRules.FreeStarts(now, 60, first, second, busy);

        // Monday's shared 10:00-12:00 is busy until 10:40, so the next quarter hour; Wednesday's shared hour fits exactly.
        Assert.Equal([Utc(3, 1, 10, 45), Utc(3, 3, 11)], starts);
    }

    [Fact]
    public void Suggestions_never_offer_a_window_shorter_than_the_session()
    {
        var now = Utc(3, 1, 8);
        var first = new List<SessionRules.Interval> { new(Utc(3, 1, 9), Utc(3, 1, 10)) };
        var second = new List<SessionRules.Interval> { new(Utc(3, 1, 9, 30), Utc(3, 1, 11)) };

        Assert.Empty(SessionRules.FreeStarts(now, 60, first, second, []));
    }

    private static List<DateTime> SchedulingIntervals(IReadOnlyList<SessionRules.Interval> intervals) => intervals.Select(i => i.Start).ToList();
}
