namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>The rows of a profile: weekly time slots and skills with levels; blank rows are how the form offers more.</summary>
public static partial class EnrolInProgram
{
    public sealed class Slot
    {
        public DayOfWeek? Day { get; set; }

        public TimeOnly? From { get; set; }

        public TimeOnly? To { get; set; }

        internal bool IsBlank => Day is null && From is null && To is null;
    }

    public sealed class SkillLevel
    {
        public int? SkillId { get; set; }

        public int? Level { get; set; }

        internal bool IsBlank => SkillId is null && Level is null;
    }
}
