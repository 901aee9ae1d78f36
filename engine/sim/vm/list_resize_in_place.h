// Lists resized within their capacity are synced at the touch instead of at
// the next boundary (list_resize_in_place.cpp). Host speed only: reports are
// the same either way; off, every touch is deferred (the tests compare both).
#pragma once

namespace pitfall::sim {

extern bool g_list_resize_in_place;

}  // namespace pitfall::sim
