namespace CoSell.Integration.Tests.Engine;

/// <summary>A manual clock: time moves only when a test calls <see cref="Advance"/>, which fires the timers that fall due.</summary>
internal sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    readonly Lock gate = new();
    readonly List<FakeTimer> timers = [];
    DateTimeOffset now = start;
    TaskCompletionSource timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        FakeTimer timer = new(this, callback, state);
        TaskCompletionSource created;
        lock (gate)
        {
            timers.Add(timer);
            timer.Schedule(now, dueTime, period);
            created = timerCreated;
            timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        created.TrySetResult();
        return timer;
    }

    /// <summary>Completes when the code under test next creates a timer (i.e. starts waiting).</summary>
    public Task NextTimerCreated()
    {
        lock (gate)
        {
            return timerCreated.Task;
        }
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }

        while (true)
        {
            FakeTimer? due;
            lock (gate)
            {
                due = timers.Where(t => t.DueAt is { } at && at <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                now = due?.DueAt is { } at2 && at2 > now ? at2 : now;
                if (due is null)
                {
                    now = target;
                    return;
                }

                due.Fired();
            }

            due.Invoke();
        }
    }

    void Remove(FakeTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    sealed class FakeTimer(FakeTime owner, TimerCallback callback, object? state) : ITimer
    {
        TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public void Schedule(DateTimeOffset from, TimeSpan dueTime, TimeSpan every)
        {
            period = every;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : from + dueTime;
        }

        public void Fired() => DueAt = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : DueAt + period;

        public void Invoke() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(owner.GetUtcNow(), dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
