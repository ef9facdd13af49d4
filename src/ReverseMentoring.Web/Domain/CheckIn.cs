namespace ReverseMentoring.Web.Domain;

public enum CheckInQuestionKind
{
    /// <summary>Answered 1 (poor) to 5 (excellent).</summary>
    Rating = 0,
    YesNo = 1,
    Text = 2,
}

/// <summary>A question HR asks every participant of a program at each check-in milestone.</summary>
public sealed class CheckInQuestion : IAudited
{
    public const int TextMaxLength = 300;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public string Text { get; set; } = "";
    public CheckInQuestionKind Kind { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Retired questions are no longer asked; answers already given keep them.</summary>
    public DateTime? RetiredAtUtc { get; set; }

    /// <summary>
    /// HR sees this question's answers only in aggregate, never with the pair, the side or the day, and the form tells
    /// participants so. Once answered under that promise, the question cannot be made named again.
    /// </summary>
    public bool AnonymousToHr { get; private set; }

    public const string StaysAnonymousMessage =
        "People answered this question on the promise that HR sees their answers only in aggregate, so it stays anonymous. Retire it and add a named question instead.";

    /// <summary>Makes the question anonymous to HR or named; named again only while nobody has answered it.</summary>
    public void SetAnonymousToHr(bool anonymous, bool hasAnswers)
    {
        if (AnonymousToHr && !anonymous && hasAnswers)
        {
            throw new DomainRuleException(StaysAnonymousMessage);
        }

        AnonymousToHr = anonymous;
    }

    /// <summary>The same question for another program; a retired one is not copied (see the caller).</summary>
    public CheckInQuestion CopyFor(int programId) =>
        new() { ProgramId = programId, Text = Text, Kind = Kind, SortOrder = SortOrder, AnonymousToHr = AnonymousToHr };
}

public enum CheckInKind
{
    /// <summary>HR's survey, sent at a milestone of the pair (by default day 30, then every 60 days).</summary>
    Milestone = 0,

    /// <summary>"Have you met yet?": sent to both sides of a pair with no held session 14 days after it was accepted.</summary>
    HaveYouMet = 1,
}

/// <summary>A check-in sent to one side of a pair; the unique key keeps every instance from sending it twice.</summary>
public sealed class CheckIn
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public Pair? Pair { get; set; }
    public int EnrolmentId { get; set; }
    public string UserId { get; set; } = "";
    public ParticipantRole Role { get; set; }
    public CheckInKind Kind { get; set; }

    /// <summary>Days after the pair was accepted: 30, 90, 150... for milestones; 14 for "have you met yet?".</summary>
    public int DayNumber { get; set; }

    public DateTime SentAtUtc { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>The answer to "have you met yet?".</summary>
    public bool? Met { get; set; }

    public List<CheckInAnswer> Answers { get; set; } = [];
}

public sealed class CheckInAnswer
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int CheckInId { get; set; }
    public int QuestionId { get; set; }
    public CheckInQuestion? Question { get; set; }
    public int? Rating { get; set; }
    public bool? YesNo { get; set; }
    public string? Text { get; set; }
}
