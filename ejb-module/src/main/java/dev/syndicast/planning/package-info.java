/**
 * Planning: deciding when a post goes out. The planner places targets into slots under every scheduling rule at
 * once (the workspace's posting windows and minimum gap in its time zone, each account's daily cap counted in local
 * calendar days, and everything already scheduled on the account), spreads posts evenly over the day, across the
 * accounts of one platform and the platforms of one video, prefers best times without ever breaking a rule, and says
 * why each target got its slot. It is plain, deterministic code with no persistence: a boundary loads the inputs
 * (settings, accounts, occupied instants, best times), calls {@code control.Planner} and writes the result. The rules,
 * with an example week, are in docs/scheduling.md.
 */
package dev.syndicast.planning;
