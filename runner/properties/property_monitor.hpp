#pragma once
// Watches one world while a scenario plays and reports the first broken property
// (runner/properties/property.hpp). It sees the speaker's network through the wire tap (what
// the firmware sent, what reached it before any planted defect), the speaker's state after
// every event, and the cloud's journal at the end. It may only observe — except in
// finish(), where liveness runs the world on with a patient person approving codes.
// Who may call: the scenario executor, on the world's thread. Attach before the first step;
// the monitor must outlive nothing of the world's (it detaches in its destructor).
#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runner/properties/property.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

class PropertyMonitor {
public:
    PropertyMonitor(sim::VirtualSpeaker& world, const std::vector<Property>& checked);
    ~PropertyMonitor();
    PropertyMonitor(const PropertyMonitor&) = delete;
    PropertyMonitor& operator=(const PropertyMonitor&) = delete;

    // The first violation seen so far.
    const std::optional<Violation>& violation() const;
    // The checks that need the whole run: the request rate and secrets over everything, and
    // liveness, which runs the world on until kRelinkBound after the last fault
    // (`faults_end`: when the scenario's schedule ends; faulted journal entries may push it
    // later). Call once, after the last step.
    void finish(Millis faults_end);
    // The world stalled (sim::WorldStalled): the progress property is broken.
    void stalled(const std::string& message);

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace ringside::runner
